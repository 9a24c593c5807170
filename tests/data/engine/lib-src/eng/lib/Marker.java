// Engine fixture: a RUNTIME annotation with an element and a default.
package eng.lib;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

@Retention(RetentionPolicy.RUNTIME)
public @interface Marker {
    String value() default "x";
    int level() default 1;
    String[] tags() default {};
}
