// Engine fixture: stand-in for Joda's DateTime.
package org.joda.time;

public class DateTime {
    public DateTime() {}
    public DateTime(Object zone) {}
}
