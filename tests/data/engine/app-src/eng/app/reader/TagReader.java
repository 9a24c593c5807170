// Engine fixture: calls an inherited member through the subclass (the instruction names Tag, Titled declares it).
package eng.app.reader;

import eng.app.model.Tag;

public class TagReader {
    public String read(Tag tag) { return tag.label(); }
}
