package mr;

public class V {
    public String release() { return "versioned"; }
}
