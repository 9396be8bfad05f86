package dev.weir.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable WebAssembly module (spec 2.5) as decoded from a binary or parsed from text.
 * Index spaces (functions, tables, memories, globals, tags) put imports first, as the spec does;
 * the {@code *Type(int)} helpers resolve an index in the full space.
 *
 * <p>Build one with {@link #builder()}; decode one with {@link WasmDecoder#decode(byte[])}.
 */
public final class WasmModule {
    private final List<RecGroup> recGroups;
    private final List<SubType> types;
    private final List<Import> imports;
    private final int[] functionTypes;      // defined functions' type indices
    private final List<Table> tables;
    private final List<MemoryType> memories;
    private final List<TagType> tags;
    private final List<Global> globals;
    private final List<Export> exports;
    private final int start;
    private final List<ElementSegment> elements;
    private final int dataCount;
    private final List<FunctionBody> code;
    private final List<DataSegment> data;
    private final List<CustomSection> customSections;
    private final Names names;
    private final List<SectionInfo> sections;

    // Derived: the full index spaces.
    private final int[] allFunctionTypes;
    private final TableType[] allTables;
    private final MemoryType[] allMemories;
    private final GlobalType[] allGlobals;
    private final TagType[] allTags;
    private final int importedFunctions;
    private final int importedTables;
    private final int importedMemories;
    private final int importedGlobals;
    private final int importedTags;

    private WasmModule(Builder b) {
        this.recGroups = List.copyOf(b.recGroups);
        List<SubType> flat = new ArrayList<>();
        for (RecGroup g : recGroups) {
            flat.addAll(g.types());
        }
        this.types = List.copyOf(flat);
        this.imports = List.copyOf(b.imports);
        this.functionTypes = b.functionTypes.stream().mapToInt(Integer::intValue).toArray();
        this.tables = List.copyOf(b.tables);
        this.memories = List.copyOf(b.memories);
        this.tags = List.copyOf(b.tags);
        this.globals = List.copyOf(b.globals);
        this.exports = List.copyOf(b.exports);
        this.start = b.start;
        this.elements = List.copyOf(b.elements);
        this.dataCount = b.dataCount;
        this.code = List.copyOf(b.code);
        this.data = List.copyOf(b.data);
        this.customSections = List.copyOf(b.customSections);
        this.names = b.names == null ? Names.EMPTY : b.names;
        this.sections = List.copyOf(b.sections);

        List<Integer> fs = new ArrayList<>();
        List<TableType> ts = new ArrayList<>();
        List<MemoryType> ms = new ArrayList<>();
        List<GlobalType> gs = new ArrayList<>();
        List<TagType> tg = new ArrayList<>();
        for (Import i : imports) {
            ExternType t = i.type();
            if (t instanceof ExternType.Func) {
                fs.add(((ExternType.Func) t).typeIndex());
            } else if (t instanceof TableType) {
                ts.add((TableType) t);
            } else if (t instanceof MemoryType) {
                ms.add((MemoryType) t);
            } else if (t instanceof GlobalType) {
                gs.add((GlobalType) t);
            } else {
                tg.add((TagType) t);
            }
        }
        importedFunctions = fs.size();
        importedTables = ts.size();
        importedMemories = ms.size();
        importedGlobals = gs.size();
        importedTags = tg.size();
        for (int f : functionTypes) {
            fs.add(f);
        }
        for (Table t : tables) {
            ts.add(t.type());
        }
        ms.addAll(memories);
        for (Global g : globals) {
            gs.add(g.type());
        }
        tg.addAll(tags);
        allFunctionTypes = fs.stream().mapToInt(Integer::intValue).toArray();
        allTables = ts.toArray(new TableType[0]);
        allMemories = ms.toArray(new MemoryType[0]);
        allGlobals = gs.toArray(new GlobalType[0]);
        allTags = tg.toArray(new TagType[0]);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<RecGroup> recGroups() {
        return recGroups;
    }

    /** All defined types in index order (rec groups flattened). */
    public List<SubType> types() {
        return types;
    }

    public List<Import> imports() {
        return imports;
    }

    /** Type indices of the defined (not imported) functions. */
    public int definedFunctionType(int definedIndex) {
        return functionTypes[definedIndex];
    }

    public int definedFunctionCount() {
        return functionTypes.length;
    }

    public List<Table> tables() {
        return tables;
    }

    public List<MemoryType> memories() {
        return memories;
    }

    public List<TagType> tags() {
        return tags;
    }

    public List<Global> globals() {
        return globals;
    }

    public List<Export> exports() {
        return exports;
    }

    /** Index of the start function, or -1. */
    public int start() {
        return start;
    }

    public List<ElementSegment> elements() {
        return elements;
    }

    /** The data count section's value, or -1 if absent. */
    public int dataCount() {
        return dataCount;
    }

    public List<FunctionBody> code() {
        return code;
    }

    public List<DataSegment> data() {
        return data;
    }

    public List<CustomSection> customSections() {
        return customSections;
    }

    public Names names() {
        return names;
    }

    /** Sections in binary order with offsets and sizes (empty for modules parsed from text). */
    public List<SectionInfo> sections() {
        return sections;
    }

    // ---- full index spaces (imports first) ----

    public int functionCount() {
        return allFunctionTypes.length;
    }

    public int importedFunctionCount() {
        return importedFunctions;
    }

    /** Type index of a function in the full function index space. */
    public int functionTypeIndex(int funcIndex) {
        return allFunctionTypes[funcIndex];
    }

    /**
     * The function type of a function in the full index space. Only valid on a module whose type
     * indices have been validated.
     */
    public FuncType functionType(int funcIndex) {
        return (FuncType) types.get(allFunctionTypes[funcIndex]).composite();
    }

    public int tableCount() {
        return allTables.length;
    }

    public int importedTableCount() {
        return importedTables;
    }

    public TableType tableType(int index) {
        return allTables[index];
    }

    public int memoryCount() {
        return allMemories.length;
    }

    public int importedMemoryCount() {
        return importedMemories;
    }

    public MemoryType memoryType(int index) {
        return allMemories[index];
    }

    public int globalCount() {
        return allGlobals.length;
    }

    public int importedGlobalCount() {
        return importedGlobals;
    }

    public GlobalType globalType(int index) {
        return allGlobals[index];
    }

    public int tagCount() {
        return allTags.length;
    }

    public int importedTagCount() {
        return importedTags;
    }

    public TagType tagType(int index) {
        return allTags[index];
    }

    /** The function name from the name section, or null. */
    public String functionName(int funcIndex) {
        return names.functionName(funcIndex);
    }

    /**
     * Structural equality of everything but source positions and section layout: a module parsed
     * from text equals the one decoded from the binary a reference assembler produces.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WasmModule)) {
            return false;
        }
        WasmModule m = (WasmModule) o;
        return recGroups.equals(m.recGroups) && imports.equals(m.imports)
                && java.util.Arrays.equals(functionTypes, m.functionTypes) && tables.equals(m.tables)
                && memories.equals(m.memories) && tags.equals(m.tags) && globals.equals(m.globals)
                && exports.equals(m.exports) && start == m.start && elements.equals(m.elements)
                && code.equals(m.code) && data.equals(m.data);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(types.size(), imports.size(), functionTypes.length, exports);
    }

    /** Collects a module's parts; not thread-safe. */
    public static final class Builder {
        private final List<RecGroup> recGroups = new ArrayList<>();
        private final List<Import> imports = new ArrayList<>();
        private final List<Integer> functionTypes = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<MemoryType> memories = new ArrayList<>();
        private final List<TagType> tags = new ArrayList<>();
        private final List<Global> globals = new ArrayList<>();
        private final List<Export> exports = new ArrayList<>();
        private int start = -1;
        private final List<ElementSegment> elements = new ArrayList<>();
        private int dataCount = -1;
        private final List<FunctionBody> code = new ArrayList<>();
        private final List<DataSegment> data = new ArrayList<>();
        private final List<CustomSection> customSections = new ArrayList<>();
        private Names names;
        private final List<SectionInfo> sections = new ArrayList<>();

        private Builder() {
        }

        public Builder addRecGroup(RecGroup g) {
            recGroups.add(g);
            return this;
        }

        /** Adds a single type as a recursion group of one. */
        public Builder addType(SubType t) {
            recGroups.add(new RecGroup(List.of(t)));
            return this;
        }

        public Builder addImport(Import i) {
            imports.add(i);
            return this;
        }

        /** Declares a defined function of the given type index (its body goes to {@link #addCode}). */
        public Builder addFunction(int typeIndex) {
            functionTypes.add(typeIndex);
            return this;
        }

        public Builder addTable(Table t) {
            tables.add(t);
            return this;
        }

        public Builder addMemory(MemoryType m) {
            memories.add(m);
            return this;
        }

        public Builder addTag(TagType t) {
            tags.add(t);
            return this;
        }

        public Builder addGlobal(Global g) {
            globals.add(g);
            return this;
        }

        public Builder addExport(Export e) {
            exports.add(e);
            return this;
        }

        public Builder start(int funcIndex) {
            this.start = funcIndex;
            return this;
        }

        public Builder addElement(ElementSegment e) {
            elements.add(e);
            return this;
        }

        public Builder dataCount(int count) {
            this.dataCount = count;
            return this;
        }

        public Builder addCode(FunctionBody b) {
            code.add(b);
            return this;
        }

        public Builder addData(DataSegment d) {
            data.add(d);
            return this;
        }

        public Builder addCustomSection(CustomSection c) {
            customSections.add(c);
            return this;
        }

        public Builder names(Names n) {
            this.names = n;
            return this;
        }

        public Builder addSection(SectionInfo s) {
            sections.add(s);
            return this;
        }

        /** Number of types added so far (the next type's index). */
        public int typeCount() {
            int n = 0;
            for (RecGroup g : recGroups) {
                n += g.types().size();
            }
            return n;
        }

        public WasmModule build() {
            return new WasmModule(this);
        }
    }
}
