// Engine fixture: web layer; depends on service (web -> service), is depended on by repo (cycle).
package eng.app.web;

import eng.app.service.OrderService;
import eng.lib.Marker;

@Marker("web")
public class Controller {
    private final OrderService service = new OrderService();

    public static String current() { return "user"; }

    public String handle() {
        return helper() + service.order();
    }

    private String helper() { return "h"; }
}
