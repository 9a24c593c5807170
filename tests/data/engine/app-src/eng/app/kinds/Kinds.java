// Engine fixture: every class kind and member modifier the predicates distinguish.
package eng.app.kinds;

import eng.lib.Marker;
import eng.lib.MetaMarked;

@MetaMarked
public class Kinds {
    public static final int CONST = 1;
    protected volatile int v;
    transient int t;
    private String name;

    public static class Nested {}

    public class Inner {}

    public Runnable anonymous() {
        return new Runnable() {
            public void run() {}
        };
    }

    public Object local() {
        class Local {}
        return new Local();
    }

    public synchronized void sync() {}

    public native void nat();

    public void thrower() throws java.io.IOException {}

    public int params(int a, String b) { return a; }

    @Marker(value = "m", level = 3, tags = {"a", "b"})
    void annotated() {}

    @Deprecated
    public void old() {}
}
