// Records the Java side of the pipeline conformance cases (conformance/cases/pipeline):
// for every case folder holding a java.json, writes java.recorded.json with
//   "matches":  Pattern.matches(pattern, input) for each {"pattern", "input"}
//               (integration response selection: Java regex, whole string), or the
//               PatternSyntaxException as "java.util.regex.PatternSyntaxException: message";
//   "jsonpath": Jayway JsonPath's JsonPath.parse(document).read(path) for each
//               {"document", "path"} (integration.response.body.JSONPATH): a String as is,
//               anything else written by json-smart's JSONValue.toJSONString, null when
//               the path is not found.
// Usage: java PipelineRecorder [--dry-run] DIR...   (see record_pipeline.sh)
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import net.minidev.json.JSONValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

public class PipelineRecorder {
    public static void main(String[] args) throws IOException {
        boolean dryRun = false;
        List<Path> roots = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--dry-run")) dryRun = true; else roots.add(Paths.get(arg));
        }
        int count = 0;
        for (Path root : roots) {
            List<Path> questions;
            try (Stream<Path> walk = Files.walk(root)) {
                questions = walk.filter(p -> p.getFileName().toString().equals("java.json")).sorted().toList();
            }
            for (Path question : questions) {
                String answer = record(Files.readString(question, StandardCharsets.UTF_8)) + "\n";
                Path out = question.resolveSibling("java.recorded.json");
                if (dryRun) System.out.print(question.getParent() + ": " + answer);
                else Files.writeString(out, answer, StandardCharsets.UTF_8);
                count++;
            }
        }
        System.err.println((dryRun ? "checked " : "recorded ") + count + " case(s)");
    }

    @SuppressWarnings("unchecked")
    static String record(String text) {
        Map<String, Object> question = (Map<String, Object>) JSONValue.parse(text);
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Object> matches = (List<Object>) question.get("matches");
        if (matches != null) {
            List<Object> results = new ArrayList<>();
            for (Object item : matches) {
                Map<String, Object> m = (Map<String, Object>) item;
                try {
                    results.add(Pattern.matches((String) m.get("pattern"), (String) m.get("input")));
                } catch (PatternSyntaxException e) {
                    results.add(e.getClass().getName() + ": " + e.getMessage());
                }
            }
            answer.put("matches", results);
        }
        List<Object> paths = (List<Object>) question.get("jsonpath");
        if (paths != null) {
            List<Object> results = new ArrayList<>();
            for (Object item : paths) {
                Map<String, Object> p = (Map<String, Object>) item;
                Object value;
                try {
                    value = JsonPath.parse((String) p.get("document")).read((String) p.get("path"));
                } catch (PathNotFoundException e) {
                    value = null;
                }
                results.add(value == null || value instanceof String ? value : JSONValue.toJSONString(value));
            }
            answer.put("jsonpath", results);
        }
        return JSONValue.toJSONString(answer);
    }
}
