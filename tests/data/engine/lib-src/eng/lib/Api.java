// Engine fixture: a library API with deprecated members (classpath, not analysed).
package eng.lib;

public class Api {
    @Deprecated
    public static int OLD_FIELD = 1;

    @Deprecated
    public static void legacy() {}

    @Deprecated(forRemoval = true, since = "2")
    public static int doomed() { return 0; }

    public static void modern() {}
}
