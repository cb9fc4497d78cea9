// Prints, for every code point whose Java case mapping is not the identity:
// "<cp>\t<Character.toUpperCase>\t<Character.toLowerCase>\t<String.toUpperCase>\t<String.toLowerCase>"
// (code points in hex; the String results as space-separated code points) using the
// JVM's default locale (en). Used by tests/java/test_casing.py; run through regen.sh.
public class CaseMappings {
    static String cps(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> { if (b.length() > 0) b.append(' '); b.append(Integer.toHexString(c)); });
        return b.toString();
    }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) continue;
            String s = new String(Character.toChars(cp));
            int cu = Character.toUpperCase(cp), cl = Character.toLowerCase(cp);
            String su = s.toUpperCase(), sl = s.toLowerCase();
            if (cu != cp || cl != cp || !su.equals(s) || !sl.equals(s)) {
                out.append(Integer.toHexString(cp)).append('\t').append(Integer.toHexString(cu)).append('\t')
                   .append(Integer.toHexString(cl)).append('\t').append(cps(su)).append('\t')
                   .append(cps(sl)).append('\n');
            }
        }
        System.out.print(out);
    }
}
