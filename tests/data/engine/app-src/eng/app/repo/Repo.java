// Engine fixture: the repository layer, calling back into web (a layer violation and a slice cycle).
package eng.app.repo;

import eng.app.web.Controller;

public class Repo {
    public String load() {
        return Controller.current();
    }
}
