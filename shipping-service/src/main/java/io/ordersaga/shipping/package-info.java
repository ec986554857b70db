/** shipping-service: joins OrderPlaced and PaymentCompleted, then schedules a shipment or fails it. */
package io.ordersaga.shipping;
