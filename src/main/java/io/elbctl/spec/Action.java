package io.elbctl.spec;

import java.util.Map;

/** What a rule or a listener's default does with a request. */
public sealed interface Action permits ForwardAction, RedirectAction, FixedResponseAction {

  /** The JSON {@code type} of each action, in the order the schema lists them. */
  Map<String, Class<? extends Action>> TYPES =
      Map.of(
          "forward", ForwardAction.class,
          "redirect", RedirectAction.class,
          "fixed-response", FixedResponseAction.class);

  /** The JSON {@code type} of this action. */
  String type();
}
