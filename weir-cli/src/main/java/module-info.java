/** The {@code weir} command line. Not an API: nothing is exported. */
module dev.weir.cli {
    requires dev.weir.wasm;
    requires dev.weir.text;
    requires info.picocli;

    // picocli fills the annotated command objects reflectively.
    opens dev.weir.cli to info.picocli;
}
