// Engine fixture: member classes whose declared modifiers javac rewrites in their own class files
// (private -> package private, protected -> public, static dropped); the InnerClasses entry keeps them.
package eng.app.kinds;

public class Visibilities {
    private static class PrivateNested {}

    protected static class ProtectedNested {}

    static final class PackagePrivateNested {}

    public static abstract class PublicNested {}

    protected class ProtectedInner {}

    public Object all() {
        return new Object[] {new PrivateNested(), new ProtectedNested(), new PackagePrivateNested(), new ProtectedInner()};
    }
}
