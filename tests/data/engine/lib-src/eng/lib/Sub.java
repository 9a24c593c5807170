package eng.lib;

public class Sub extends Base {}
