// Engine fixture: @NullMarked on the class covers its nested class through the outer chain.
package eng.app.web;

import org.jspecify.annotations.NullMarked;

@NullMarked
public class ExplicitMarked {
    public static class Inner {}
}
