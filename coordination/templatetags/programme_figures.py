"""«80 %» for the dashboard's rates (coordination.dashboard_charts.percent)."""

from django import template

from ..dashboard_charts import percent as percent_text

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    return percent_text(value)
