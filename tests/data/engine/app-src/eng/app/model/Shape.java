package eng.app.model;

public interface Shape {
    double area();
}
