// Engine fixture: null-marked through its package-info.
package eng.app.marked;

public class InMarked {}
