// Engine fixture: inherits label() from Titled.
package eng.app.model;

public class Tag extends Titled {}
