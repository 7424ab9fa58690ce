package io.elbctl.aws;

import io.elbctl.plan.Diagnosis;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Whether the service-linked role Elastic Load Balancing uses exists in the account: AWS creates it
 * with an account's first load balancer, which then needs {@code iam:CreateServiceLinkedRole}.
 */
public final class ServiceLinkedRoles {
  /** The service principal the role is linked to, and the value of {@code iam:AWSServiceName}. */
  public static final String SERVICE = "elasticloadbalancing.amazonaws.com";

  public static final String ROLE = "AWSServiceRoleForElasticLoadBalancing";

  /** The role's path; IAM authorises calls on the role against its ARN, path included. */
  public static final String PATH = "aws-service-role/" + SERVICE + "/";

  private final AwsClients clients;

  public ServiceLinkedRoles(AwsClients clients) {
    this.clients = clients;
  }

  /** Asks IAM for the role (one read-only call, {@code iam:GetRole}). */
  public Diagnosis.RoleAnswer elasticLoadBalancing() {
    try {
      clients.iam().getRole(r -> r.roleName(ROLE));
      return Diagnosis.RoleAnswer.exists(ROLE);
    } catch (NoSuchEntityException e) {
      return Diagnosis.RoleAnswer.absent(ROLE);
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return Diagnosis.RoleAnswer.unknown(
          ROLE, "IAM refused GetRole (" + (code == null ? "HTTP " + e.statusCode() : code) + ")");
    } catch (SdkClientException e) {
      return Diagnosis.RoleAnswer.unknown(ROLE, "IAM could not be reached");
    }
  }
}
