// Engine fixture: a deprecated library class.
package eng.lib;

@Deprecated
public class OldApi {
    public static void run() {}
}
