package io.elbctl.spec;

/** An inclusive band of rule priorities reserved for this spec on a shared listener. */
public record PriorityRange(
    @Required @Doc("Lowest priority elbctl may use.") Integer from,
    @Required @Doc("Highest priority elbctl may use.") Integer to) {

  public boolean contains(int priority) {
    return priority >= from && priority <= to;
  }
}
