/*
 * Writes legacy Word 97-2003 (.doc) files holding the labelled sentences of
 * benchmarks/checks/samples.jsonl, for the attachments benchmark (issue #17): half of them with
 * personal data, half without, one sentence per file under a heading, with the labels beside them
 * in out/labels.jsonl. The files are committed, so the benchmark does not need Java.
 *
 * Rebuild (Java 17 and Maven; Apache POI 5.5.1 from Maven Central), from the repository root:
 *   mvn -q -f benchmarks/checks/doc_samples/pom.xml dependency:build-classpath -Dmdep.outputFile=/tmp/poi-cp.txt
 *   java -cp "$(cat /tmp/poi-cp.txt)" benchmarks/checks/doc_samples/GenerateDocSamples.java
 *
 * How: POI's HWPF reads, edits and writes a .doc but cannot start one from nothing (poi-scratchpad
 * 5.5.1 bundles no empty Word template, only an empty .ppt). So this writes the smallest complete
 * Word 97 document itself: an OLE2 compound file (POI's POIFS) with a WordDocument stream (FIB for
 * nFib 0xC1, the text as UTF-16, one CHPX and one PAPX page) and a 1Table stream (piece table,
 * section table, bin tables, font table, a style sheet with the Normal style only, DOP). HWPF
 * then parses that skeleton and writes the file out again, so every committed file has been read
 * back by an independent parser and written by POI's Word writer; the run fails if HWPF's text
 * differs from the sentence.
 */

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

public class GenerateDocSamples {
    static final int PER_SIDE = 12; // files with personal data, and as many without
    static final String HEADING = "行政处罚决定书";
    static final int FIB_RG_FC_LCB = 0x9A; // FibRgFcLcb97 starts here in the FIB
    static final int TEXT_AT = 0x800;

    public static void main(String[] args) throws IOException {
        Path here = Path.of("benchmarks/checks");
        Path out = here.resolve("doc_samples/out");
        Files.createDirectories(out);
        List<String> lines = Files.readAllLines(here.resolve("samples.jsonl"), StandardCharsets.UTF_8);
        List<String> chosen = new ArrayList<>(pick(lines, true));
        chosen.addAll(pick(lines, false));
        StringBuilder labels = new StringBuilder();
        for (int n = 0; n < chosen.size(); n++) {
            String line = chosen.get(n);
            String sentence = field(line, "text");
            String name = String.format("sample-%02d.doc", n + 1);
            byte[] doc = throughHwpf(skeleton(List.of(HEADING, sentence)), HEADING, sentence);
            Files.write(out.resolve(name), doc);
            labels.append("{\"file\": \"").append(name).append("\", \"sample\": ").append(line).append("}\n");
        }
        Files.writeString(out.resolve("labels.jsonl"), labels.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + chosen.size() + " .doc files to " + out);
    }

    /** One sentence per template in turn (so each template is used before any is used twice). */
    static List<String> pick(List<String> lines, boolean personal) {
        Map<String, List<String>> byTemplate = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.contains("\"findings\": []") != personal) {
                byTemplate.computeIfAbsent(field(line, "template"), k -> new ArrayList<>()).add(line);
            }
        }
        List<String> picked = new ArrayList<>();
        for (int round = 0; picked.size() < PER_SIDE; round++) {
            for (List<String> group : byTemplate.values()) {
                if (round < group.size() && picked.size() < PER_SIDE) {
                    picked.add(group.get(round));
                }
            }
        }
        return picked;
    }

    /** A string field of one line of samples.jsonl (written by json.dumps; no escapes in it). */
    static String field(String line, String name) {
        String key = "\"" + name + "\": \"";
        int start = line.indexOf(key) + key.length();
        String value = line.substring(start, line.indexOf('"', start));
        if (value.contains("\\")) {
            throw new IllegalArgumentException("escaped JSON string not supported: " + value);
        }
        return value;
    }

    static byte[] throughHwpf(byte[] skeleton, String heading, String sentence) throws IOException {
        try (HWPFDocument document = new HWPFDocument(new ByteArrayInputStream(skeleton))) {
            String text = document.getText().toString();
            if (!text.equals(heading + "\r" + sentence + "\r")) {
                throw new IllegalStateException("HWPF read back other text: " + text);
            }
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            document.write(written);
            return written.toByteArray();
        }
    }

    /** The smallest Word 97 document with these paragraphs (see the comment at the top). */
    static byte[] skeleton(List<String> paragraphs) throws IOException {
        String text = String.join("\r", paragraphs) + "\r";
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
        int fcMac = TEXT_AT + utf16.length;
        int chpPage = (fcMac + 511) / 512;
        int papPage = chpPage + 1;
        // antiword reads no WordDocument stream under 4096 bytes (those live in the mini stream)
        int size = Math.max(4096, (papPage + 1) * 512);
        ByteBuffer word = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer table = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        // FibBase
        word.putShort(0x00, (short) 0xA5EC); // wIdent
        word.putShort(0x02, (short) 0x00C1); // nFib: Word 97
        word.putShort(0x06, (short) 0x0804); // lid: zh-CN
        word.putShort(0x0A, (short) 0x1200); // fWhichTblStm (1Table), fExtChar
        word.putShort(0x0C, (short) 0x00BF); // nFibBack
        word.putInt(0x18, TEXT_AT); // fcMin
        word.putInt(0x1C, fcMac); // fcMac
        word.putShort(0x20, (short) 14); // csw
        word.putShort(0x22 + 13 * 2, (short) 0x0804); // lidFE
        word.putShort(0x3E, (short) 22); // cslw
        word.putInt(0x40, size); // cbMac
        word.putInt(0x40 + 3 * 4, text.length()); // ccpText
        word.putShort(0x98, (short) 93); // cbRgFcLcb

        word.position(TEXT_AT);
        word.put(utf16);

        // CHPX page: one run, default character properties
        int chp = chpPage * 512;
        word.putInt(chp, TEXT_AT);
        word.putInt(chp + 4, fcMac);
        word.put(chp + 511, (byte) 1);
        // PAPX page: one run per paragraph, all style 0 (PapxInFkp: cb=0, cb'=1, istd=0)
        int pap = papPage * 512;
        int fc = TEXT_AT;
        int count = paragraphs.size();
        for (int n = 0; n < count; n++) {
            word.putInt(pap + 4 * n, fc);
            fc += (paragraphs.get(n).length() + 1) * 2;
            word.put(pap + 4 * (count + 1) + 13 * n, (byte) 0xF8);
        }
        word.putInt(pap + 4 * count, fcMac);
        word.put(pap + 0x1F1, (byte) 1);
        word.put(pap + 511, (byte) count);

        // Clx: one piece, UTF-16 text at TEXT_AT
        int at = table.position();
        table.put((byte) 2).putInt(16).putInt(0).putInt(text.length());
        table.putShort((short) 0).putInt(TEXT_AT).putShort((short) 0);
        fcLcb(word, 33, at, table.position() - at);
        // PlcfSed: one section with no SEPX
        at = table.position();
        table.putInt(0).putInt(text.length());
        table.putShort((short) 0).putInt(-1).putShort((short) 0).putInt(-1);
        fcLcb(word, 6, at, table.position() - at);
        // PlcBteChpx, PlcBtePapx
        at = table.position();
        table.putInt(TEXT_AT).putInt(fcMac).putInt(chpPage);
        fcLcb(word, 12, at, 12);
        at = table.position();
        table.putInt(TEXT_AT).putInt(fcMac).putInt(papPage);
        fcLcb(word, 13, at, 12);
        // SttbfFfn: two fonts
        at = table.position();
        String[] fonts = {"Times New Roman", "宋体"};
        table.putShort((short) fonts.length).putShort((short) 0);
        for (String font : fonts) {
            byte[] name = (font + "\0").getBytes(StandardCharsets.UTF_16LE);
            table.put((byte) (40 + name.length - 1)); // cbFfnM1
            table.put((byte) 0x16); // prq 2, fTrueType, ff 1
            table.putShort((short) 400); // wWeight
            table.put((byte) (font.equals("宋体") ? 0x86 : 0)); // chs: GB2312 for 宋体
            table.put((byte) 0); // ixchSzAlt
            table.put(new byte[10 + 24]); // panose, font signature
            table.put(name);
        }
        fcLcb(word, 15, at, table.position() - at);
        // STSH: one style, Normal (paragraph style 0), East Asian text in 宋体
        at = table.position();
        table.putShort((short) 18); // cbStshi
        table.putShort((short) 1).putShort((short) 10).putShort((short) 1); // cstd, cbSTDBase, names
        table.putShort((short) 0x5B).putShort((short) 0x0F).putShort((short) 0); // sti, istd max
        table.putShort((short) 0).putShort((short) 1).putShort((short) 0); // rgftcStandardChpStsh
        table.putShort((short) 36); // cbStd
        table.putShort((short) 0); // sti 0: Normal
        table.putShort((short) 0xFFF1); // stk 1 (paragraph), istdBase none
        table.putShort((short) 0x0002); // cupx 2, istdNext 0
        table.putShort((short) 36).putShort((short) 0); // bchUpe, grfstd
        table.putShort((short) 6).put("Normal".getBytes(StandardCharsets.UTF_16LE)).putShort((short) 0);
        table.putShort((short) 2).putShort((short) 0); // UpxPapx: istd 0
        table.putShort((short) 4).putShort((short) 0x4A50).putShort((short) 1); // sprmCRgFtc1: 宋体
        fcLcb(word, 1, at, table.position() - at);
        fcLcb(word, 0, at, table.position() - at); // fcStshfOrig
        // DOP: all defaults
        at = table.position();
        table.position(at + 544);
        fcLcb(word, 31, at, 544);

        byte[] tableBytes = new byte[table.position()];
        table.get(0, tableBytes);
        try (POIFSFileSystem ole = new POIFSFileSystem()) {
            ole.createDocument(new ByteArrayInputStream(word.array()), "WordDocument");
            ole.createDocument(new ByteArrayInputStream(tableBytes), "1Table");
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ole.writeFilesystem(written);
            return written.toByteArray();
        }
    }

    static void fcLcb(ByteBuffer word, int index, int fc, int lcb) {
        word.putInt(FIB_RG_FC_LCB + index * 8, fc);
        word.putInt(FIB_RG_FC_LCB + index * 8 + 4, lcb);
    }
}
