# The packages on sale
shop-packages-title = Packages
shop-packages-intro = Buy credits once, use them for private lessons, group classes and courses.
shop-packages-none = Nothing is on sale right now.
shop-buy = Buy
shop-login-to-buy = Log in to buy
shop-never-expire = Credits never expire
shop-expires-after = { $days ->
    [one] Credits last 1 day
   *[other] Credits last { $days } days
}
shop-not-for-sale = Not for sale

# After Stripe Checkout
shop-paid = Thank you!
shop-paid-text = Your payment went through. Your credits appear in My credits as soon as the payment is confirmed, usually within seconds.
shop-paid-next = See my credits
shop-payment-cancelled = Payment cancelled
shop-payment-cancelled-text = Nothing was charged. You can choose a package again whenever you like.
shop-payment-cancelled-next = Back to the packages

# The development checkout
shop-dev-title = Dev checkout
shop-dev-note = Development checkout: no card is charged. Pay sends the same signed event Stripe would send:
shop-dev-session = Checkout
shop-dev-status = Status
shop-checkout-status-open = open
shop-checkout-status-complete = complete, paid
shop-checkout-status-expired = expired, nothing charged
shop-dev-pay = Pay
shop-dev-cancel = Cancel
shop-dev-to-credits = Go to my credits
shop-not-your-checkout = Not your checkout
shop-not-your-checkout-text = This checkout was opened by another student.
shop-checkout-closed = This checkout is closed
shop-checkout-closed-text = It was already paid or cancelled. Choose a package again to buy it.

# My credits
shop-my-credits = My credits
shop-credits-total = Credits left for lessons and classes:
shop-no-packages = You have no packages yet.
shop-see-packages = See the packages
shop-bought-on = Bought on { $date }
shop-expires-at = expires { $when }
shop-never-expires = never expires
shop-course-enrolment = Course enrolment
shop-credits-left = { $remaining } of { $credits } left
