package eng.app.model;

public enum Color { RED, GREEN }
