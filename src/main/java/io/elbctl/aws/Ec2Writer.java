package io.elbctl.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Every EC2 write: the security group elbctl creates when the spec names none. */
final class Ec2Writer {
  private final AwsClients clients;
  private final AwsErrors errors;

  Ec2Writer(AwsClients clients, AwsErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  /** Creates the group; its ingress comes from {@link #allowWebTraffic} once EC2 finds it. */
  String createSecurityGroup(
      String name, String vpcId, String description, Map<String, String> tags) {
    return errors.call(
        () ->
            clients
                .ec2()
                .createSecurityGroup(
                    r ->
                        r.groupName(name)
                            .description(description)
                            .vpcId(vpcId)
                            .tagSpecifications(
                                TagSpecification.builder()
                                    .resourceType(ResourceType.SECURITY_GROUP)
                                    .tags(AwsTags.ec2(tags))
                                    .build()))
                .groupId());
  }

  void allowWebTraffic(String groupId) {
    errors.run(() -> authorizeWebIngress(groupId));
  }

  private void authorizeWebIngress(String groupId) {
    List<IpPermission> permissions = new ArrayList<>();
    for (int port : new int[] {80, 443}) {
      permissions.add(
          IpPermission.builder()
              .ipProtocol("tcp")
              .fromPort(port)
              .toPort(port)
              .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
              .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build())
              .build());
    }
    try {
      clients
          .ec2()
          .authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions));
    } catch (AwsServiceException e) {
      if (!"InvalidPermission.Duplicate".equals(AwsErrors.errorCode(e))) {
        throw e;
      }
    }
  }

  void tagSecurityGroup(String id, Map<String, String> tags) {
    errors.run(() -> clients.ec2().createTags(r -> r.resources(id).tags(AwsTags.ec2(tags))));
  }

  void deleteSecurityGroup(String id) {
    errors.run(() -> clients.ec2().deleteSecurityGroup(r -> r.groupId(id)));
  }
}
