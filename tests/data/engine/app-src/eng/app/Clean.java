// Engine fixture: depends on nothing but java.lang.
package eng.app;

public class Clean {
    public int twice(int x) { return x * 2; }
}
