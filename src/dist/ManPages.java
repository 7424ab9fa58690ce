import io.elbctl.cli.Main;
import java.io.File;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step of the release profile: writes an AsciiDoc man page for elbctl and for each of its
 * commands, from the same picocli model the command line runs on. Run from source by the build
 * ({@code java -cp CLASSPATH src/dist/ManPages.java OUTDIR}, see the release profile in pom.xml), never shipped.
 */
public final class ManPages {
  private ManPages() {}

  public static void main(String[] args) throws Exception {
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    var spec = Main.commandLine(discard, discard, Map.of()).getCommandSpec();
    int code = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, spec);
    System.exit(code);
  }
}
