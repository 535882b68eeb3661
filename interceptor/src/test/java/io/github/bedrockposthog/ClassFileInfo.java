package io.github.bedrockposthog;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The two things the packaging tests read from a class file: its major version and its constant-pool strings. */
final class ClassFileInfo {

    /** Java 8's class file major version. */
    static final int JAVA_8 = 52;

    final int major;
    /** Every CONSTANT_Utf8: class names, descriptors, signatures, member names and string literals. */
    final List<String> utf8;

    private ClassFileInfo(int major, List<String> utf8) {
        this.major = major;
        this.utf8 = Collections.unmodifiableList(utf8);
    }

    static ClassFileInfo read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        int major = in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> utf8 = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: // Utf8
                    utf8.add(in.readUTF());
                    break;
                case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                    in.skipBytes(2);
                    break;
                case 15: // MethodHandle
                    in.skipBytes(3);
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // 4-byte entries
                    in.skipBytes(4);
                    break;
                case 5: case 6: // Long, Double: two slots
                    in.skipBytes(8);
                    i++;
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        return new ClassFileInfo(major, utf8);
    }
}
