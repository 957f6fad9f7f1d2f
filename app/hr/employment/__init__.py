"""HR's rules per employment type (PNS, PPPK): the yearly JP target and the
regulation it rests on, changed by HR and recorded in the audit trail."""
