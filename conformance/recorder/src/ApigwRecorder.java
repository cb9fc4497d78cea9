/*
 * API Gateway conformance recorder: renders conformance/cases/apigateway cases with the real
 * Apache Velocity 1.7 jar under the apigateway profile (Recorder.engine and Recorder.context:
 * API Gateway's null model), with $input,
 * $util, $context and $stageVariables built from event.json on the Java libraries the AWS
 * docs name: Jayway JsonPath (json-smart provider), Commons Lang StringEscapeUtils,
 * java.net.URLEncoder/URLDecoder, java.util.Base64.
 *
 * The event -> variables mapping (defaults, merging, dropped headers, key orders) mirrors
 * vtl/apigw/event.py and vtl/apigw/context.py line for line; keep them in step.
 *
 * For every case directory (template.vm + event.json) it writes expected.apigateway.txt or
 * error.apigateway.txt, and overrides.apigateway.json when the template set an override.
 * Cases whose case.json provenance is "aws-recording" or "aws-docs" are rendered and compared, never
 * written: the AWS recording wins, and a disagreement must be declared in case.json with
 * "recorder": "differs" (the run fails otherwise). See conformance/README.md, "API Gateway
 * cases".
 *
 * Usage:
 *   java -cp build:JARS ApigwRecorder [--dry-run] PATH...
 *   java -cp build:JARS ApigwRecorder --eval [EVENT.json] < template.vm
 *   java -cp build:JARS ApigwRecorder --probe parse|path|util < lines   (tests/apigw/data)
 */

import java.io.IOException;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import net.minidev.json.JSONStyle;
import net.minidev.json.JSONValue;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

public final class ApigwRecorder {

    // --- defaults: keep in step with vtl/apigw/event.py ---------------------------------

    static final String[][] DEFAULT_CONTEXT = {
        {"accountId", "123456789012"},
        {"apiId", "1234567890"},
        {"resourceId", "123456"},
        {"stage", "prod"},
        {"requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"},
        {"extendedRequestId", "c6af9ac6Fk7Ftzg="},
        {"deploymentId", "a1b2c3"},
        {"requestTime", "09/Apr/2015:12:34:56 +0000"},
        {"protocol", "HTTP/1.1"},
    };
    static final long DEFAULT_EPOCH = 1428582896000L;
    static final String DEFAULT_SOURCE_IP = "127.0.0.1";
    static final Set<String> REMOVED_HEADERS = Set.of(
        "connection", "content-length", "content-md5", "expect", "max-forwards",
        "proxy-authenticate", "server", "te", "trailer", "transfer-encoding", "upgrade",
        "www-authenticate");
    static final String[] IDENTITY_FIELDS = {
        "cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp",
        "principalOrgId", "accessKey", "cognitoAuthenticationType",
        "cognitoAuthenticationProvider", "userArn", "userAgent", "user"};
    static final String[] CONTEXT_KEYS = {
        "resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path",
        "accountId", "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch",
        "requestId", "identity", "domainName", "deploymentId", "responseOverride", "apiId"};
    static final DateTimeFormatter REQUEST_TIME =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ENGLISH);

    // --- $input --------------------------------------------------------------------------

    /**
     * $input: Jayway JsonPath over the body, parsed once per request (the first time a
     * template reads a path) and kept for the render: path() returns parts of that one
     * document, which json() then writes, changes included (apigateway.md §2, 2026-12-03:
     * aws-samples/serverless-patterns apigw-mappingtemplate-lambda).
     */
    public static final class Input {
        private final String body;
        private final Map<String, Object> params;
        private DocumentContext document;  // parsed on first use
        private RuntimeException parseError;  // or the parse failure, thrown on every use

        Input(String body, Map<String, Object> params) {
            this.body = body.isEmpty() ? "{}" : body;
            this.params = params;
        }

        public String getBody() { return body; }

        private DocumentContext document() {
            if (parseError != null) throw parseError;
            if (document == null) {
                try {
                    document = JsonPath.parse(body);
                } catch (RuntimeException e) {
                    parseError = e;
                    throw e;
                }
            }
            return document;
        }

        /**
         * $input.json: the value at the path as json-smart writes it. A path that matches
         * nothing (PathNotFoundException, also on a non-JSON or scalar body) gives "" (two
         * quote characters): apigateway.md §2, 2026-12-03, localstack PR 12774.
         */
        public String json(String path) {
            Object value;
            try {
                value = document().read(path);
            } catch (PathNotFoundException e) {
                return "\"\"";
            }
            return JSONValue.toJSONString(value);
        }

        /** $input.path: the value at the path itself (Jayway's read does not copy); null for none. */
        public Object path(String path) {
            try {
                return document().read(path);
            } catch (PathNotFoundException e) {
                return null;
            }
        }

        public Map<String, Object> params() { return params; }

        @SuppressWarnings("unchecked")
        public String params(String name) {
            for (String part : new String[] {"path", "querystring", "header"}) {
                Object values = params.get(part);
                if (values instanceof Map && ((Map<String, Object>) values).get(name) != null) {
                    return (String) ((Map<String, Object>) values).get(name);
                }
            }
            return "";
        }
    }

    // --- $util ---------------------------------------------------------------------------

    /**
     * $util: the six functions, each the Java library call the AWS docs name. All but
     * parseJson take any value and work on String.valueOf of it (apigateway.md §3,
     * 2026-12-03: aws-samples/serverless-patterns' SNS SMS pattern url-encodes a JSON
     * number); null in, null out (which the null model then reads as "").
     */
    public static final class Util {
        private static String text(Object value) { return value == null ? null : String.valueOf(value); }

        public String escapeJavaScript(Object s) { return StringEscapeUtils.escapeJavaScript(text(s)); }

        public Object parseJson(String s) { return JsonPath.parse(s).json(); }

        public String urlEncode(Object s) throws IOException {
            return s == null ? null : URLEncoder.encode(text(s), "UTF-8");
        }

        public String urlDecode(Object s) throws IOException {
            return s == null ? null : URLDecoder.decode(text(s), "UTF-8");
        }

        public String base64Encode(Object s) {
            return s == null ? null : Base64.getEncoder().encodeToString(text(s).getBytes(StandardCharsets.UTF_8));
        }

        public String base64Decode(Object s) {
            return s == null ? null : new String(Base64.getDecoder().decode(text(s)), StandardCharsets.UTF_8);
        }
    }

    // --- $context ------------------------------------------------------------------------

    /** A HashMap printing as empty text: $context.identity, $context.authorizer.claims. */
    public static final class SilentMap extends HashMap<String, Object> {
        @Override public String toString() { return ""; }
    }

    /** An override map: each key can be set once; the second put throws. */
    public static final class OverrideMap extends HashMap<String, Object> {
        private final String name;

        OverrideMap(String name) { this.name = name; }

        void init(String key, Object value) { super.put(key, value); }

        @Override public Object put(String key, Object value) {
            if (containsKey(key)) {
                throw new IllegalStateException("$context." + name + "." + key
                    + " is already set: an override can be set only once");
            }
            return super.put(key, value);
        }

        @Override public void putAll(Map<? extends String, ?> m) {
            for (Map.Entry<? extends String, ?> e : m.entrySet()) put(e.getKey(), e.getValue());
        }
    }

    // --- the event -----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v) {
        return v == null ? new LinkedHashMap<>() : (Map<String, Object>) v;
    }

    /** headers + multiValueHeaders (or the query pair): one value per name, the last. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> event, String single, String multi) {
        Map<String, Object> merged = new LinkedHashMap<>(object(event.get(single)));
        for (Map.Entry<String, Object> e : object(event.get(multi)).entrySet()) {
            List<Object> values = (List<Object>) e.getValue();
            merged.put(e.getKey(), values.get(values.size() - 1));
        }
        return merged;
    }

    static String fill(String resource, Map<String, Object> parameters) {
        Matcher m = Pattern.compile("\\{([^{}+]+)\\+?\\}").matcher(resource);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = parameters.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? (String) v : m.group(0)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The template variables for an event, plus the two override maps. */
    record Variables(Map<String, Object> vars, OverrideMap request, OverrideMap response) {}

    @SuppressWarnings("unchecked")
    static Variables variables(Map<String, Object> event) {
        Map<String, Object> raw = object(event.get("requestContext"));
        Map<String, Object> headers = merge(event, "headers", "multiValueHeaders");
        Map<String, Object> query = merge(event, "queryStringParameters", "multiValueQueryStringParameters");
        Map<String, Object> pathParameters = new LinkedHashMap<>(object(event.get("pathParameters")));
        Map<String, Object> stageVariables = new LinkedHashMap<>(object(event.get("stageVariables")));

        String resource = (String) event.get("resource");
        String path = (String) event.get("path");
        if (resource == null) resource = (String) raw.get("resourcePath");
        if (path == null) path = resource != null ? fill(resource, pathParameters) : "/";
        if (resource == null) resource = pathParameters.isEmpty() ? path : "/{proxy+}";
        String method = (String) event.get("httpMethod");
        if (method == null) method = raw.get("httpMethod") != null ? (String) raw.get("httpMethod") : "GET";

        String body = (String) event.get("body");
        if (body == null) body = "";
        else if (Boolean.TRUE.equals(event.get("isBase64Encoded")))
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);

        // requestContext completed with defaults (event.py _context)
        Map<String, Object> ctx = new LinkedHashMap<>(raw);
        for (String[] d : DEFAULT_CONTEXT) if (ctx.get(d[0]) == null) ctx.put(d[0], d[1]);
        if (ctx.get("requestTimeEpoch") == null) ctx.put("requestTimeEpoch", DEFAULT_EPOCH);
        if (raw.get("requestTime") != null && raw.get("requestTimeEpoch") == null) {
            LocalDateTime t = LocalDateTime.parse((String) raw.get("requestTime"), REQUEST_TIME);
            ctx.put("requestTimeEpoch", t.toInstant(ZoneOffset.UTC).toEpochMilli());
        } else if (raw.get("requestTimeEpoch") != null && raw.get("requestTime") == null) {
            long epoch = ((Number) raw.get("requestTimeEpoch")).longValue();
            ctx.put("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(epoch).atOffset(ZoneOffset.UTC)));
        }
        Object host = headers.get("Host") != null ? headers.get("Host") : headers.get("host");
        if (ctx.get("domainName") == null)
            ctx.put("domainName", host != null ? host : ctx.get("apiId") + ".execute-api.us-east-1.amazonaws.com");
        if (ctx.get("domainPrefix") == null)
            ctx.put("domainPrefix", ((String) ctx.get("domainName")).split("\\.")[0]);
        if (ctx.get("path") == null) ctx.put("path", "/" + ctx.get("stage") + path);
        if (ctx.get("resourcePath") == null) ctx.put("resourcePath", resource);
        if (ctx.get("httpMethod") == null) ctx.put("httpMethod", method);

        // identity (event.py _identity, context.py _identity)
        Map<String, Object> rawIdentity = object(raw.get("identity"));
        Map<String, Object> idValues = new LinkedHashMap<>();
        for (String f : IDENTITY_FIELDS) idValues.put(f, null);
        idValues.put("sourceIp", DEFAULT_SOURCE_IP);
        idValues.put("userAgent", headers.containsKey("User-Agent") ? headers.get("User-Agent") : headers.get("user-agent"));
        idValues.putAll(rawIdentity);
        SilentMap identity = new SilentMap();
        for (String f : IDENTITY_FIELDS) identity.put(f, idValues.get(f));
        for (Map.Entry<String, Object> e : idValues.entrySet())
            if (!identity.containsKey(e.getKey())) identity.put(e.getKey(), e.getValue());

        OverrideMap requestOverride = new OverrideMap("requestOverride");
        for (String part : new String[] {"path", "header", "querystring"})
            requestOverride.init(part, new OverrideMap("requestOverride." + part));
        OverrideMap responseOverride = new OverrideMap("responseOverride");
        responseOverride.init("header", new OverrideMap("responseOverride.header"));

        Map<String, Object> context = new HashMap<>();
        for (String key : CONTEXT_KEYS) {
            switch (key) {
                case "requestOverride": context.put(key, requestOverride); break;
                case "responseOverride": context.put(key, responseOverride); break;
                case "identity": context.put(key, identity); break;
                default: context.put(key, ctx.get(key));
            }
        }
        if (raw.get("authorizer") != null) {
            Map<String, Object> authorizer = new HashMap<>();
            for (Map.Entry<String, Object> e : object(raw.get("authorizer")).entrySet()) {
                if (e.getKey().equals("claims")) {
                    SilentMap claims = new SilentMap();
                    for (Map.Entry<String, Object> c : object(e.getValue()).entrySet())
                        claims.put(c.getKey(), String.valueOf(c.getValue()));
                    authorizer.put("claims", claims);
                } else {
                    authorizer.put(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            context.put("authorizer", authorizer);
        }
        for (Map.Entry<String, Object> e : ctx.entrySet())
            if (!context.containsKey(e.getKey())) context.put(e.getKey(), e.getValue());

        Map<String, Object> params = new HashMap<>();
        params.put("path", pathParameters);
        params.put("querystring", query);
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : headers.entrySet())
            if (!REMOVED_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))) kept.put(e.getKey(), e.getValue());
        params.put("header", kept);

        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("input", new Input(body, params));
        vars.put("context", context);
        vars.put("util", new Util());
        vars.put("stageVariables", stageVariables);
        return new Variables(vars, requestOverride, responseOverride);
    }

    // --- rendering -----------------------------------------------------------------------

    record Outcome(String output, String error, String overrides) {}

    static Outcome render(String template, Map<String, Object> event) {
        Variables v = variables(event);
        VelocityEngine ve = Recorder.engine("apigateway");
        VelocityContext ctx = Recorder.context("apigateway");
        for (Map.Entry<String, Object> e : v.vars().entrySet()) ctx.put(e.getKey(), e.getValue());
        StringWriter w = new StringWriter();
        try {
            ve.evaluate(ctx, w, "template", template);
        } catch (Exception ex) {
            return new Outcome(null, ex.getClass().getName() + ": " + ex.getMessage(), null);
        }
        try {
            return new Outcome(w.toString(), null, overrides(v));
        } catch (NumberFormatException ex) {
            // A status override that is no whole number (a response template copying a
            // missing "status" sets it to ""): nothing AWS could apply. No recording says
            // what AWS answers; the model is a failed render, as vtl/apigw/render.py's
            // override_status has it (case apigateway/realworld/status-override-from-missing-field).
            return new Outcome(null, ex.getClass().getName() + ": " + ex.getMessage(), null);
        }
    }

    static String text(Object value) {
        if (value == null) return "";
        if (value instanceof List) {
            return ((List<?>) value).stream().map(ApigwRecorder::text).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static String values(Object map) {
        StringBuilder b = new StringBuilder("{");
        if (map instanceof Map) {
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (!first) b.append(", ");
                first = false;
                b.append(JSONValue.toJSONString(e.getKey())).append(": ")
                 .append(JSONValue.toJSONString(text(e.getValue())));
            }
        }
        return b.append("}").toString();
    }

    /** The overrides as API Gateway applies them; null when the template set none. */
    @SuppressWarnings("unchecked")
    static String overrides(Variables v) {
        Map<String, Object> headers = new LinkedHashMap<>((Map<String, Object>) v.request().get("header"));
        headers.putAll((Map<String, Object>) v.response().get("header"));
        Object status = v.response().get("status");
        Object path = v.request().get("path");
        Object query = v.request().get("querystring");
        if (status == null && headers.isEmpty() && ((Map<?, ?>) path).isEmpty() && ((Map<?, ?>) query).isEmpty()) {
            return null;
        }
        String statusText = status == null ? "null" : String.valueOf(Integer.parseInt(text(status).trim()));
        return "{\n  \"status\": " + statusText
            + ",\n  \"headers\": " + values(headers)
            + ",\n  \"path\": " + values(path)
            + ",\n  \"querystring\": " + values(query) + "\n}\n";
    }


    // --- probes: the libraries alone, for the unit tests' data -----------------------------

    /** A JSON string literal, every non-ASCII or control char as \\uXXXX. */
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    /** A value with its Java class: {"t": "LinkedHashMap", "v": [[k, v]...]} and so on. */
    static String dump(Object o) {
        if (o == null) return "null";
        String t = "{\"t\":" + q(o.getClass().getSimpleName()) + ",\"v\":";
        if (o instanceof Map) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet())
                parts.add("[" + q(String.valueOf(e.getKey())) + "," + dump(e.getValue()) + "]");
            return t + "[" + String.join(",", parts) + "]}";
        }
        if (o instanceof List) {
            List<String> parts = new ArrayList<>();
            for (Object e : (List<?>) o) parts.add(dump(e));
            return t + "[" + String.join(",", parts) + "]}";
        }
        return t + q(o.toString()) + "}";
    }

    static String error(Exception e) {
        return "{\"error\":" + q(e.getClass().getName() + ": " + e.getMessage()) + "}";
    }

    /**
     * --probe parse|path|util: each stdin line is tab-separated base64 (UTF-8) fields; each
     * output line a JSON object: parse BODY, path BODY PATH, util FUNCTION INPUT.
     */
    static void probe(String mode) throws IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(
            new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        Util util = new Util();
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            for (int i = 0; i < f.length; i++)
                f[i] = new String(Base64.getDecoder().decode(f[i]), StandardCharsets.UTF_8);
            String out;
            try {
                switch (mode) {
                    case "parse": {
                        Object v = JsonPath.parse(f[0]).json();
                        out = "{\"value\":" + dump(v) + ",\"json\":" + q(JSONValue.toJSONString(v))
                            + ",\"json_lt\":" + q(JSONValue.toJSONString(v, JSONStyle.LT_COMPRESS)) + "}";
                        break;
                    }
                    case "path": {
                        Object v;
                        try {
                            v = JsonPath.parse(f[0]).read(f[1]);
                        } catch (PathNotFoundException e) {
                            v = null;
                        }
                        out = "{\"value\":" + dump(v) + ",\"json\":" + q(JSONValue.toJSONString(v))
                            + ",\"json_lt\":" + q(JSONValue.toJSONString(v, JSONStyle.LT_COMPRESS)) + "}";
                        break;
                    }
                    case "util": {
                        String v;
                        switch (f[0]) {
                            case "escapeJavaScript": v = util.escapeJavaScript(f[1]); break;
                            case "urlEncode": v = util.urlEncode(f[1]); break;
                            case "urlDecode": v = util.urlDecode(f[1]); break;
                            case "base64Encode": v = util.base64Encode(f[1]); break;
                            case "base64Decode": v = util.base64Decode(f[1]); break;
                            default: throw new IllegalArgumentException("no function " + f[0]);
                        }
                        out = "{\"value\":" + q(v) + "}";
                        break;
                    }
                    default: throw new IllegalArgumentException("unknown probe " + mode);
                }
            } catch (Exception e) {
                out = error(e);
            }
            System.out.println(out);
        }
    }

    // --- cases ---------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> readJson(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Object v = new Recorder.Json(text).parseDocument();
        if (!(v instanceof Map)) throw new IOException(file + ": top level must be a JSON object");
        return (Map<String, Object>) v;
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : null;
    }

    static void write(Path file, String text) throws IOException {
        if (text == null) Files.deleteIfExists(file);
        else Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Records one case; returns false when an aws-recording case disagrees with the jar. */
    static boolean recordCase(Path dir, boolean dryRun) throws IOException {
        String template = read(dir.resolve("template.vm"));
        Outcome o = render(template, readJson(dir.resolve("event.json")));
        Path expected = dir.resolve("expected.apigateway.txt");
        Path error = dir.resolve("error.apigateway.txt");
        Path overrides = dir.resolve("overrides.apigateway.json");
        String meta = read(dir.resolve("case.json"));
        boolean aws = meta != null && (meta.contains("\"aws-recording\"") || meta.contains("\"aws-docs\""));
        if (aws) {
            // The AWS recording wins: compare, never overwrite.
            String want = read(expected);
            boolean same = o.output() != null ? o.output().equals(want) : o.error().equals(read(error));
            System.out.println((same ? "same  " : "DIFF  ") + dir);
            return same || meta.replace(" ", "").contains("\"recorder\":\"differs\"");
        }
        System.out.println((o.output() != null ? "ok    " : "ERROR ") + dir);
        if (!dryRun) {
            write(expected, o.output());
            write(error, o.error());
            write(overrides, o.overrides());
        }
        return true;
    }

    static List<Path> findCases(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("template.vm")))
                    .filter(p -> Files.exists(p.resolve("event.json")))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--probe")) {
            probe(args[1]);
            return;
        }
        if (args.length >= 1 && args[0].equals("--eval")) {
            String template = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> event = args.length > 1 ? readJson(Paths.get(args[1])) : new LinkedHashMap<>();
            Outcome o = render(template, event);
            System.out.println(o.output() != null ? "--- output" : "--- ERROR");
            System.out.println(Recorder.Json.quote(o.output() != null ? o.output() : o.error()));
            if (o.overrides() != null) System.out.print("--- overrides\n" + o.overrides());
            return;
        }
        boolean dryRun = false;
        List<Path> cases = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--dry-run")) dryRun = true;
            else cases.addAll(findCases(Paths.get(a)));
        }
        if (cases.isEmpty()) {
            System.err.println("no API Gateway case directories found");
            System.exit(2);
        }
        int disagreements = 0;
        for (Path c : cases) if (!recordCase(c, dryRun)) disagreements++;
        System.out.println(cases.size() + " case(s) recorded");
        if (disagreements > 0) {
            System.out.println(disagreements + " aws-recording case(s) differ from the jar without saying so in case.json");
            System.exit(1);
        }
    }
}
