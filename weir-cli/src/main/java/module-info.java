/** The {@code weir} command line. Not an API: nothing is exported. */
module dev.weir.cli {
    requires dev.weir.wasm;
    requires dev.weir.text;
    requires dev.weir.runtime;
    requires dev.weir.compiler;
    requires dev.weir.wasi;
    requires dev.weir.memcheck;
    requires dev.weir.exchange;
    // Not `requires dev.weir.spec`: weir-spec is an automatic module only once packaged (the name is
    // in its jar manifest), so `mvn test -pl weir-cli -am` could not resolve it from target/classes.
    // It is on the class path instead and pom.xml adds `--add-reads dev.weir.cli=ALL-UNNAMED`.
    requires info.picocli;

    // picocli fills the annotated command objects reflectively.
    opens dev.weir.cli to info.picocli;
}
