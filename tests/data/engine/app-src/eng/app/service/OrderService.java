// Engine fixture: the service layer, using deprecated, Joda and Guava APIs (each call on its own line).
package eng.app.service;

import com.google.common.base.Optional;
import eng.app.repo.Repo;
import eng.lib.Api;
import eng.lib.OldApi;
import eng.lib.Sub;
import org.joda.time.DateTime;

public class OrderService {
    public String order() {
        new Repo().load();
        return "o";
    }

    public void useDeprecated() {
        Api.legacy();
        Api.modern();
        int d = Api.doomed();
        int f = Api.OLD_FIELD;
        boolean e = new Sub().isEmptyish();
        OldApi.run();
    }

    public Object dates() {
        Object zoneless = new DateTime();
        return new DateTime("UTC");
    }

    public Optional<String> maybe() {
        return Optional.absent();
    }
}
