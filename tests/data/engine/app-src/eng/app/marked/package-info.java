@NullMarked
package eng.app.marked;

import org.jspecify.annotations.NullMarked;
