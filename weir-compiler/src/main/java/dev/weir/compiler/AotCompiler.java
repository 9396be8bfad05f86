package dev.weir.compiler;

import dev.weir.Engine;
import dev.weir.Module;
import dev.weir.compiler.internal.ChunkClass;
import dev.weir.compiler.internal.JvmCodeCompiler;
import dev.weir.wasm.Types;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Ahead-of-time compilation: compile a module to a jar once, load it later without generating
 * bytecode again. The jar holds the generated classes, which functions each holds (the others run in
 * the interpreter), the SHA-256 of the module bytes, the fuel setting and a fingerprint of the compiler
 * build; {@link #load} refuses an artifact whose module, fuel setting or compiler differs.
 *
 * <p>The classes are defined as hidden classes of the compiler without further checks than the JVM's
 * bytecode verifier: load only artifacts you trust as you trust any jar on your class path.
 */
public final class AotCompiler {
    /** Version of the artifact layout. */
    static final int FORMAT = 1;
    static final String INFO = "weir-aot/artifact.properties";
    static final String INDEX = "weir-aot/index.bin";
    static final String CLASS_PREFIX = "weir-aot/chunk-";

    private AotCompiler() {
    }

    /** As {@link #compileToJar(byte[], Path, boolean)} for engines without fuel. */
    public static void compileToJar(byte[] wasm, Path jar) {
        compileToJar(wasm, jar, false);
    }

    /**
     * Decodes, validates and compiles {@code wasm} and writes the artifact to {@code jar} (replaced if
     * it exists). {@code fuel} must match {@link Engine#fuelEnabled()} of the engines that will load it.
     *
     * @throws dev.weir.wasm.MalformedModuleException if the bytes are not a well-formed module
     * @throws dev.weir.wasm.InvalidModuleException if the module does not validate
     * @throws AotException if the jar cannot be written
     */
    public static void compileToJar(byte[] wasm, Path jar, boolean fuel) {
        WasmModule m = WasmDecoder.decode(wasm);
        Types types = WasmValidator.validate(m);
        List<ChunkClass> classes = JvmCodeCompiler.generate(m, types, fuel);
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("compiler", compilerFingerprint());
        p.setProperty("module.sha256", sha256(wasm));
        p.setProperty("module.size", Integer.toString(wasm.length));
        p.setProperty("fuel", Boolean.toString(fuel));
        p.setProperty("classes", Integer.toString(classes.size()));
        p.setProperty("functions.compiled", Integer.toString(classes.stream().mapToInt(c -> c.functions().length).sum()));
        p.setProperty("functions.defined", Integer.toString(m.functionCount() - m.importedFunctionCount()));
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Created-By", "Weir AotCompiler");
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try {
            try (OutputStream fo = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(fo, mf)) {
                put(out, INFO, properties(p));
                ByteArrayOutputStream index = new ByteArrayOutputStream();
                DataOutputStream d = new DataOutputStream(index);
                d.writeInt(classes.size());
                for (int c = 0; c < classes.size(); c++) {
                    int[] fs = classes.get(c).functions();
                    d.writeInt(fs.length);
                    for (int f : fs) {
                        d.writeInt(f);
                    }
                    put(out, className(c), classes.get(c).bytes());
                }
                d.flush();
                put(out, INDEX, index.toByteArray());
            }
            Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new AotException("cannot write " + jar + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates {@code wasm} and builds its {@link Module} with the classes from {@code jar} instead of
     * compiling: no bytecode is generated.
     *
     * @throws AotException if the jar is unreadable or was made for other module bytes, another fuel
     *     setting or another compiler build, or if {@code engine} does not use the compiler
     */
    public static Module load(Engine engine, byte[] wasm, Path jar) {
        if (!engine.compilerAvailable()) {
            throw new AotException("cannot load " + jar + ": the engine does not use the bytecode compiler"
                    + " (built with compiler(false), or weir-compiler is not its compiler service)");
        }
        List<ChunkClass> classes = new ArrayList<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            Properties p = new Properties();
            p.load(new ByteArrayInputStream(read(jf, INFO, jar)));
            String format = p.getProperty("format");
            if (!Integer.toString(FORMAT).equals(format)) {
                throw new AotException(jar + " has artifact format " + format + ", this compiler reads " + FORMAT);
            }
            String hash = sha256(wasm);
            if (!hash.equals(p.getProperty("module.sha256"))) {
                throw new AotException(jar + " was compiled from another module (sha256 " + p.getProperty("module.sha256")
                        + ", " + p.getProperty("module.size") + " bytes) than the one given (sha256 " + hash + ", "
                        + wasm.length + " bytes)");
            }
            if (!p.getProperty("compiler", "").equals(compilerFingerprint())) {
                throw new AotException(jar + " was written by another build of weir-compiler (" + p.getProperty("compiler")
                        + ", this one is " + compilerFingerprint() + "): compile it again");
            }
            boolean fuel = Boolean.parseBoolean(p.getProperty("fuel"));
            if (fuel != engine.fuelEnabled()) {
                throw new AotException(jar + " was compiled " + (fuel ? "with" : "without") + " fuel metering but the engine "
                        + (engine.fuelEnabled() ? "meters" : "does not meter") + " fuel");
            }
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(read(jf, INDEX, jar)));
            int count = d.readInt();
            if (count < 0 || count > 1 << 20) {
                throw new AotException(jar + ": corrupt index (" + count + " classes)");
            }
            for (int c = 0; c < count; c++) {
                int k = d.readInt();
                if (k < 0 || k > wasm.length) {
                    throw new AotException(jar + ": corrupt index (" + k + " functions in class " + c + ")");
                }
                int[] fs = new int[k];
                for (int f = 0; f < k; f++) {
                    fs[f] = d.readInt();
                }
                classes.add(new ChunkClass(fs, read(jf, className(c), jar)));
            }
        } catch (IOException e) {
            throw new AotException("cannot read " + jar + ": " + e, e);
        }
        WasmModule m = WasmDecoder.decode(wasm);
        int first = m.importedFunctionCount();
        for (ChunkClass c : classes) {
            for (int f : c.functions()) {
                if (f < first || f >= m.functionCount()) {
                    throw new AotException(jar + ": corrupt index (function " + f + " is not a defined function)");
                }
            }
        }
        JvmCodeCompiler.Preloaded pre = new JvmCodeCompiler.Preloaded(m, classes);
        JvmCodeCompiler.PRELOADED.set(pre);
        Module module;
        try {
            module = engine.compile(m);
        } finally {
            JvmCodeCompiler.PRELOADED.remove();
        }
        if (!pre.used()) {
            throw new AotException("cannot load " + jar + ": the engine's compiler service is not weir-compiler's");
        }
        return module;
    }

    /** As {@link #load(Engine, byte[], Path)} reading the module from a file. */
    public static Module load(Engine engine, Path wasm, Path jar) {
        try {
            return load(engine, Files.readAllBytes(wasm), jar);
        } catch (IOException e) {
            throw new AotException("cannot read " + wasm + ": " + e.getMessage(), e);
        }
    }

    private static String className(int c) {
        return CLASS_PREFIX + String.format("%05d", c) + ".bin";
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] read(JarFile jf, String name, Path jar) throws IOException {
        ZipEntry e = jf.getEntry(name);
        if (e == null) {
            throw new AotException(jar + " is not a Weir ahead-of-time artifact (no " + name + ")");
        }
        try (InputStream in = jf.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static byte[] properties(Properties p) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        p.store(b, "Weir ahead-of-time artifact");
        return b.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static volatile String fingerprint;

    /**
     * SHA-256 over the class files that shape generated code (the generator, the helpers it calls and
     * the runtime structures it reads), so an artifact is never run against another build: a changed
     * helper signature or semantics would otherwise link wrongly or silently behave differently.
     */
    static String compilerFingerprint() {
        String f = fingerprint;
        if (f == null) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(Integer.toString(FORMAT).getBytes(StandardCharsets.UTF_8));
                for (Class<?> c : dev.weir.compiler.internal.Fingerprint.classes()) {
                    String res = c.getName().replace('.', '/') + ".class";
                    try (InputStream in = c.getClassLoader() == null ? null : c.getClassLoader().getResourceAsStream(res)) {
                        if (in == null) {
                            md.update(res.getBytes(StandardCharsets.UTF_8)); // e.g. in a jlinked image
                        } else {
                            md.update(in.readAllBytes());
                        }
                    }
                }
                f = HexFormat.of().formatHex(md.digest()).substring(0, 16);
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new AotException("cannot fingerprint the compiler: " + e, e);
            }
            fingerprint = f;
        }
        return f;
    }
}
