/** A module descriptor: the only class file with CONSTANT_Module and CONSTANT_Package. */
module fixture.mod {
    requires java.logging;
    exports fixture.mod.api;
}
