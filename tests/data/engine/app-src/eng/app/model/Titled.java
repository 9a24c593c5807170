// Engine fixture: declares a member that callers reach through a subclass (Tag).
package eng.app.model;

public class Titled {
    public String label() { return "label"; }
}
