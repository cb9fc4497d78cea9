/*
 * Conformance recorder: renders conformance cases with the real Apache Velocity 1.7 jar.
 *
 * For every case directory (a directory holding template.vm and vars.json) and every
 * profile ("velocity", "apigateway") it writes expected.<profile>.txt (the rendered bytes,
 * UTF-8) or error.<profile>.txt (exception class name + ": " + message), deleting the
 * stale file of the other kind. See conformance/README.md.
 *
 * Usage:
 *   java -cp build:JARS Recorder [--dry-run] PATH...   record every case under each PATH
 *   java -cp build:JARS Recorder --eval [VARS.json]     render stdin under both profiles
 */

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.util.introspection.AbstractChainableUberspector;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;

public final class Recorder {

    static final String[] PROFILES = {"velocity", "apigateway"};

    /*
     * API Gateway's null model (../shared/spec/apigateway.md §1, revised 2026-12-03): null
     * reads as the empty String and evaluation goes on with it. Three pieces:
     * AwsNullUberspector (property reads and method results), AwsContext (unset variables)
     * and AwsNullInsertion (a null still left when printing).
     */

    /**
     * Chained after Velocity's UberspectImpl: a property read whose result is null, or a
     * property the (non-null) object does not have, gives ""; so does a non-void method
     * whose result is null. A method that does not exist stays not found (null: the chain
     * stops there), and void methods already give "" in Velocity (ASTMethod).
     */
    public static final class AwsNullUberspector extends AbstractChainableUberspector {
        public AwsNullUberspector() {}

        @Override
        public VelPropertyGet getPropertyGet(Object obj, String name, Info info) throws Exception {
            VelPropertyGet found = inner.getPropertyGet(obj, name, info);
            return obj == null ? found : new EmptyForNullGet(found, name);
        }

        @Override
        public VelMethod getMethod(Object obj, String name, Object[] args, Info info) throws Exception {
            VelMethod found = inner.getMethod(obj, name, args, info);
            return found == null ? null : new EmptyForNullMethod(found);
        }
    }

    /** A property read giving "" for a null result or a missing property. */
    static final class EmptyForNullGet implements VelPropertyGet {
        private final VelPropertyGet found;  // null: the object has no such property
        private final String name;

        EmptyForNullGet(VelPropertyGet found, String name) {
            this.found = found;
            this.name = name;
        }

        @Override
        public Object invoke(Object obj) throws Exception {
            Object value = found == null ? null : found.invoke(obj);
            return value == null ? "" : value;
        }

        @Override
        public boolean isCacheable() { return found == null || found.isCacheable(); }

        @Override
        public String getMethodName() { return found == null ? name : found.getMethodName(); }
    }

    /** A method call giving "" for a null result (void methods are left to Velocity). */
    static final class EmptyForNullMethod implements VelMethod {
        private final VelMethod found;

        EmptyForNullMethod(VelMethod found) { this.found = found; }

        @Override
        public Object invoke(Object obj, Object[] args) throws Exception {
            Object value = found.invoke(obj, args);
            return value == null && found.getReturnType() != Void.TYPE ? "" : value;
        }

        @Override
        public boolean isCacheable() { return found.isCacheable(); }

        @Override
        public String getMethodName() { return found.getMethodName(); }

        @Override
        public Class getReturnType() { return found.getReturnType(); }
    }

    /**
     * A context in which an unset template variable (or one holding null) reads as "".
     * Keys starting with "." are Velocity's own bookkeeping (".literal.$x" for macro
     * arguments), not template variables: they keep reading as null.
     */
    public static final class AwsContext extends VelocityContext {
        @Override
        public Object internalGet(String key) {
            Object value = super.internalGet(key);
            return value == null && !key.startsWith(".") ? "" : value;
        }
    }

    /** Prints a null still left at a reference (a method that does not exist) as "". */
    public static final class AwsNullInsertion implements ReferenceInsertionEventHandler {
        public AwsNullInsertion() {}

        @Override
        public Object referenceInsert(String reference, Object value) {
            return value == null ? "" : value;
        }
    }

    /** The template context of a profile, holding nothing yet. */
    static VelocityContext context(String profile) {
        return profile.equals("apigateway") ? new AwsContext() : new VelocityContext();
    }

    /** A fresh engine per render: inline macros are global in 1.7 and would leak between cases. */
    static VelocityEngine engine(String profile) {
        Properties p = new Properties();
        // Logging only; it has no effect on rendering.
        p.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
        if (profile.equals("apigateway")) {
            p.setProperty("runtime.introspector.uberspect",
                          "org.apache.velocity.util.introspection.UberspectImpl,"
                          + AwsNullUberspector.class.getName());
            p.setProperty("eventhandler.referenceinsertion.class", AwsNullInsertion.class.getName());
            p.setProperty("velocimacro.permissions.allow.inline", "false");
        } else if (!profile.equals("velocity")) {
            throw new IllegalArgumentException("unknown profile " + profile);
        }
        VelocityEngine ve = new VelocityEngine();
        ve.init(p);
        if (profile.equals("apigateway")) {
            // After this the parser no longer knows #evaluate, so #evaluate(...) is plain text.
            ve.removeDirective("evaluate");
        }
        return ve;
    }

    /** Outcome of one render: exactly one of output / error is non-null. */
    record Result(String output, String error) {}

    static Result render(String profile, String template, Map<String, Object> vars) {
        VelocityEngine ve = engine(profile);
        VelocityContext ctx = context(profile);
        for (Map.Entry<String, Object> e : vars.entrySet()) {
            ctx.put(e.getKey(), e.getValue());  // a null value is stored as null (same as absent)
        }
        StringWriter w = new StringWriter();
        try {
            ve.evaluate(ctx, w, "template", template);
            return new Result(w.toString(), null);
        } catch (Exception ex) {
            return new Result(null, ex.getClass().getName() + ": " + ex.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readVars(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Object v = new Json(text).parseDocument();
        if (!(v instanceof Map)) {
            throw new IOException(file + ": top level must be a JSON object");
        }
        return (Map<String, Object>) v;
    }

    static void recordCase(Path dir, boolean dryRun) throws IOException {
        String template = new String(Files.readAllBytes(dir.resolve("template.vm")),
                                     StandardCharsets.UTF_8);
        for (String profile : PROFILES) {
            // Variables are re-read per profile: templates may mutate them.
            Map<String, Object> vars = readVars(dir.resolve("vars.json"));
            Result r = render(profile, template, vars);
            Path expected = dir.resolve("expected." + profile + ".txt");
            Path error = dir.resolve("error." + profile + ".txt");
            String tag = r.output != null ? "ok   " : "ERROR";
            System.out.println(tag + " " + profile + " " + dir);
            if (dryRun) {
                continue;
            }
            if (r.output != null) {
                Files.write(expected, r.output.getBytes(StandardCharsets.UTF_8));
                Files.deleteIfExists(error);
            } else {
                Files.write(error, r.error.getBytes(StandardCharsets.UTF_8));
                Files.deleteIfExists(expected);
            }
        }
    }

    static List<Path> findCases(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("template.vm")))
                    .filter(p -> !Files.exists(p.resolve("event.json")))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 1 && args[0].equals("--eval")) {
            String template = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            for (String profile : PROFILES) {
                Map<String, Object> vars = args.length > 1 ? readVars(Paths.get(args[1]))
                                                           : new LinkedHashMap<>();
                Result r = render(profile, template, vars);
                System.out.println("--- " + profile + (r.output != null ? " output" : " ERROR"));
                System.out.println(Json.quote(r.output != null ? r.output : r.error));
            }
            return;
        }
        boolean dryRun = false;
        List<Path> cases = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--dry-run")) {
                dryRun = true;
            } else {
                cases.addAll(findCases(Paths.get(a)));
            }
        }
        if (cases.isEmpty()) {
            System.err.println("no case directories found");
            System.exit(2);
        }
        for (Path c : cases) {
            recordCase(c, dryRun);
        }
        System.out.println(cases.size() + " case(s) recorded");
    }

    /**
     * A small strict JSON reader with the value mapping the engine's Python side assumes:
     * object -> LinkedHashMap, array -> ArrayList, integer -> Integer / Long / BigInteger
     * (the narrowest that fits), number with fraction or exponent -> Double, plus String,
     * Boolean and null.
     */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object parseDocument() throws IOException {
            ws();
            Object v = value();
            ws();
            if (i != s.length()) throw err("trailing data");
            return v;
        }

        private IOException err(String msg) { return new IOException("JSON: " + msg + " at offset " + i); }

        private void ws() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
        }

        private Object value() throws IOException {
            if (i >= s.length()) throw err("unexpected end");
            char c = s.charAt(i);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return word("true", Boolean.TRUE);
                case 'f': return word("false", Boolean.FALSE);
                case 'n': return word("null", null);
                default: return number();
            }
        }

        private Object word(String w, Object v) throws IOException {
            if (!s.startsWith(w, i)) throw err("bad literal");
            i += w.length();
            return v;
        }

        private Map<String, Object> object() throws IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (i < s.length() && s.charAt(i) == '}') { i++; return m; }
            while (true) {
                ws();
                if (i >= s.length() || s.charAt(i) != '"') throw err("expected key");
                String k = string();
                ws();
                if (i >= s.length() || s.charAt(i) != ':') throw err("expected ':'");
                i++;
                ws();
                m.put(k, value());
                ws();
                if (i >= s.length()) throw err("unexpected end");
                char c = s.charAt(i++);
                if (c == '}') return m;
                if (c != ',') throw err("expected ',' or '}'");
            }
        }

        private List<Object> array() throws IOException {
            List<Object> l = new ArrayList<>();
            i++;
            ws();
            if (i < s.length() && s.charAt(i) == ']') { i++; return l; }
            while (true) {
                ws();
                l.add(value());
                ws();
                if (i >= s.length()) throw err("unexpected end");
                char c = s.charAt(i++);
                if (c == ']') return l;
                if (c != ',') throw err("expected ',' or ']'");
            }
        }

        private String string() throws IOException {
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) throw err("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                if (i >= s.length()) throw err("unterminated escape");
                char e = s.charAt(i++);
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw err("bad \\u escape");
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default: throw err("bad escape");
                }
            }
        }

        private Object number() throws IOException {
            int start = i;
            boolean decimal = false;
            if (i < s.length() && s.charAt(i) == '-') i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') { i++; }
                else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') { decimal = true; i++; }
                else break;
            }
            String t = s.substring(start, i);
            if (t.isEmpty() || t.equals("-")) throw err("unexpected character");
            try {
                if (decimal) return Double.valueOf(t);
                BigInteger v = new BigInteger(t);
                if (v.bitLength() < 32) return v.intValue();
                if (v.bitLength() < 64) return v.longValue();
                return v;
            } catch (NumberFormatException ex) {
                throw err("bad number " + t);
            }
        }

        /** A JSON string literal for display (--eval). */
        static String quote(String v) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : v.toCharArray()) {
                switch (c) {
                    case '"': b.append("\\\""); break;
                    case '\\': b.append("\\\\"); break;
                    case '\n': b.append("\\n"); break;
                    case '\r': b.append("\\r"); break;
                    case '\t': b.append("\\t"); break;
                    default:
                        if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                        else b.append(c);
                }
            }
            return b.append('"').toString();
        }
    }
}
