package a.b;

public class B extends a.A {
    public int size() { return hello().length(); }
}
