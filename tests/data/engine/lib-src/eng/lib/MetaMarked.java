// Engine fixture: an annotation carrying @Marker (meta-annotation).
package eng.lib;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

@Retention(RetentionPolicy.RUNTIME)
@Marker("meta")
public @interface MetaMarked {}
