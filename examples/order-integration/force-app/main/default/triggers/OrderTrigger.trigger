trigger OrderTrigger on Order (after update) {
    OrderTriggerHandler.afterUpdate(Trigger.new);
}
