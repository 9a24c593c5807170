package eng.app.model;

public record Point(int x, int y) {}
