trigger OrderEventTrigger on Order_Event__e (after insert) {
    OrderEventSubscriberHandler.handle(Trigger.new);
}
