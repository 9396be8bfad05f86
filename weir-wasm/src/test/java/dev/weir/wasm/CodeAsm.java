package dev.weir.wasm;

import java.io.ByteArrayOutputStream;

/** A tiny test-side assembler for instruction bytes (independent of InstructionWriter). */
final class CodeAsm {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static CodeAsm code() {
        return new CodeAsm();
    }

    /** Emits an opcode by mnemonic (prefixed codes get their LEB128 sub-opcode). */
    CodeAsm op(String mnemonic) {
        Opcode op = Opcode.byMnemonic(mnemonic);
        if (op == null) {
            throw new IllegalArgumentException(mnemonic);
        }
        return op(op);
    }

    CodeAsm op(Opcode op) {
        if (op.isPrefixed()) {
            out.write(op.prefix());
            return u(op.subOpcode());
        }
        out.write(op.code());
        return this;
    }

    CodeAsm b(int... bytes) {
        for (int x : bytes) {
            out.write(x);
        }
        return this;
    }

    CodeAsm u(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    CodeAsm s(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    CodeAsm i32(int v) {
        return op("i32.const").s(v);
    }

    CodeAsm i64(long v) {
        return op("i64.const").s(v);
    }

    CodeAsm f32() {
        return op("f32.const").b(0, 0, 0, 0);
    }

    CodeAsm f64() {
        return op("f64.const").b(0, 0, 0, 0, 0, 0, 0, 0);
    }

    CodeAsm v128() {
        op("v128.const");
        for (int i = 0; i < 16; i++) {
            out.write(0);
        }
        return this;
    }

    /** An instruction with one u32 immediate. */
    CodeAsm op(String mnemonic, long imm) {
        return op(mnemonic).u(imm);
    }

    CodeAsm op(String mnemonic, long imm, long imm2) {
        return op(mnemonic).u(imm).u(imm2);
    }

    /** A memory instruction with align (log2), offset and memory index (uses the multi-memory flag when non-zero). */
    CodeAsm mem(String mnemonic, int align, long offset, int memory) {
        op(mnemonic);
        if (memory != 0) {
            return u(align | 0x40).u(memory).u(offset);
        }
        return u(align).u(offset);
    }

    CodeAsm mem(String mnemonic, int align) {
        return mem(mnemonic, align, 0, 0);
    }

    /** block/loop/if with an empty block type. */
    CodeAsm block(String mnemonic) {
        return op(mnemonic).b(0x40);
    }

    /** block/loop/if with a single value type byte (e.g. 0x7F i32) or a type index (>= 0 as s33). */
    CodeAsm block(String mnemonic, int valTypeByte) {
        return op(mnemonic).b(valTypeByte);
    }

    CodeAsm blockIdx(String mnemonic, int typeIndex) {
        return op(mnemonic).s(typeIndex);
    }

    CodeAsm end() {
        return op("end");
    }

    Expression expr() {
        return new Expression(out.toByteArray(), 0);
    }

    /** The bytes plus a final end. */
    Expression body() {
        end();
        return expr();
    }
}
