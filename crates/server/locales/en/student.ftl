steps-completed = { $done } of { $total } steps completed
