package a;

public class A {
    public String hello() { return "A says hello"; }
}
