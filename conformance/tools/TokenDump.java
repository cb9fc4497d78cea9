// Prints the tokens Velocity 1.7 lexes a template into (kind, image, line:column, the
// special-token text it prints). A tool for checking vtl/lexer.py against the real jar:
//   javac -cp "$CP" -d /tmp TokenDump.java && java -cp "$CP:/tmp" TokenDump a.vm b.vm
// with $CP as in conformance/recorder/record.sh.
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.*;
import org.apache.velocity.runtime.parser.node.*;
import java.io.*;
import java.nio.file.*;
public class TokenDump {
  static String esc(String s){ StringBuilder b=new StringBuilder(); for(char c: s.toCharArray()){ if(c=='\n')b.append("\\n"); else if(c=='\r')b.append("\\r"); else if(c=='\t')b.append("\\t"); else b.append(c);} return b.toString(); }
  public static void main(String[] a) throws Exception {
    RuntimeInstance ri = new RuntimeInstance();
    ri.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
    ri.init();
    for (String path : a) { System.out.println("@@@ " + path); String text = new String(Files.readAllBytes(Paths.get(path)), "UTF-8");
    try {
      SimpleNode root = ri.parse(new StringReader(text), "template");
      Token t = root.getFirstToken();
      while (t != null && t.kind != 0) {
        StringBuilder sp = new StringBuilder();
        String stx = NodeUtils.specialText(t).toString(); if (stx.length() > 0) sp.append("[" + esc(stx) + "]");
        System.out.println(ParserConstants.tokenImage[t.kind] + "\t" + esc(t.image) + "\t" + t.beginLine + ":" + t.beginColumn + (sp.length() > 0 ? "\tspecial=" + sp : ""));
        t = t.next;
      }
    } catch (Exception e) { System.out.println("ERROR " + e.getClass().getName() + ": " + e.getMessage().split("\n")[0]); } }
  }
}
