package io.elbctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.elbctl.aws.IamPolicy;
import io.elbctl.aws.IamPolicyDocument;
import java.io.PrintWriter;
import java.util.List;

/** Prints iam-policy's statements: as a policy document, or as a Markdown table of reasons. */
final class PolicyOutput {
  private PolicyOutput() {}

  /** A document larger than a managed policy may be also gets a warning on {@code err}. */
  static void print(
      PrintWriter out, PrintWriter err, List<IamPolicy.Statement> statements, boolean explain) {
    if (explain) {
      out.print(IamPolicyDocument.markdown(statements));
      return;
    }
    JsonNode document = Json.tree(IamPolicyDocument.document(statements));
    out.println(Json.pretty(document));
    long size = IamPolicyDocument.size(document.toString());
    if (size > IamPolicyDocument.MANAGED_POLICY_LIMIT) {
      err.println(
          "elbctl: the policy has "
              + size
              + " characters without whitespace, more than the "
              + IamPolicyDocument.MANAGED_POLICY_LIMIT
              + " AWS allows in a managed policy; attach it as an inline policy (up to 10240)"
              + " or split its statements over two managed policies");
      err.flush();
    }
  }
}
