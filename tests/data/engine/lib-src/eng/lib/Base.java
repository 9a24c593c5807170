// Engine fixture: declares a deprecated method that callers reach through a subclass (resolve_member).
package eng.lib;

public class Base {
    @Deprecated
    public boolean isEmptyish() { return true; }
}
