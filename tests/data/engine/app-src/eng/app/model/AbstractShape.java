package eng.app.model;

public abstract class AbstractShape implements Shape {}
