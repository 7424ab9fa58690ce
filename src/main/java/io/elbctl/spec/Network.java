package io.elbctl.spec;

import java.util.List;

/** The VPC, subnets and security groups of the load balancer. */
public record Network(
    @Doc("VPC id, or \"default\" for the region's default VPC.") String vpcId,
    @Doc("Subnet ids in at least two availability zones; empty means the VPC's default subnets.")
        List<String> subnets,
    @Doc("Security group ids; empty means elbctl creates one that allows ports 80 and 443.")
        List<String> securityGroups) {
  public Network {
    vpcId = vpcId == null ? "default" : vpcId;
    subnets = subnets == null ? List.of() : List.copyOf(subnets);
    securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
  }
}
