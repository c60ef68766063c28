"""Statements a portal page runs on every uncached visit, composed by the ORM once per shape.

Building a queryset and compiling it to SQL costs ~1.5 ms on this project's 2-core machine
(``filter``, ``exclude``, the compiler's joins and quoting), where running it on SQLite costs
~0.4: the navigation, the home page's lists, a law's versions and the policies citing it each
paid that on every page not in the page cache (issue #16: an uncached page within 2× of stock
Wagtail's).

:func:`kept_statement` keeps a statement's SQL and parameters. The function it wraps composes a
queryset from its arguments alone — the database alias among them — so the same arguments
always give the same statement:

- its leading arguments are the **key**: one statement is composed per key (what can change
  between requests and changes the statement's shape, such as the restricted paths);
- its last ``values`` arguments are **values** (a page's id, a tree path; or a tuple of them):
  the statement is composed once per key and per kind and length of the values, with stand-ins
  in their place, and each call puts its own values where the stand-ins are. A stand-in the
  ORM does not pass through unchanged (a ``startswith`` pattern, a value written into the SQL)
  is an error at the first call, never a wrong statement.

Values that change on every request (the time) stay out: such a filter stays in Python over the
rows read.
"""

import functools

from django.db import connections
from wagtail.models import Page

#: The two sets of stand-ins a template is composed with start here (integers within a small
#: integer field's range: Django drops a comparison with a number out of the field's range).
_INTEGER_STAND_INS = (20000, 30000)


def _stand_in(kind, number, variant):
    if kind is int:
        return _INTEGER_STAND_INS[variant] + number
    if kind is str:
        return f"\x00stand-in {variant}-{number}\x00"
    raise TypeError(f"a kept statement's value must be an id or a text, not a {kind.__name__}")


def _shape(values):
    """Each value's kind (a tuple's kinds): what a statement's template is composed for."""
    return tuple(
        tuple(type(item) for item in value) if isinstance(value, tuple) else type(value)
        for value in values
    )


def _flat(values):
    """The values one by one, a tuple's items in turn."""
    flat = []
    for value in values:
        if isinstance(value, tuple):
            flat.extend(value)
        else:
            flat.append(value)
    return flat


class Statement(tuple):
    """``(sql, params)`` of a kept statement, with the converters of what it selects (the ORM's
    ``(position, (functions, expression))`` pairs: :func:`fetch_rows` applies them)."""

    def __new__(cls, sql, params, converters=()):
        statement = super().__new__(cls, (sql, params))
        statement.converters = converters
        return statement


def _compiled(queryset):
    """``(sql, params, converters)`` of ``queryset`` on its database: the SQL as
    ``query.sql_with_params()`` gives it, and the converters the ORM applies to each selected
    column when it reads rows itself (as ``SQLCompiler.results_iter`` finds them)."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    selected = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
    return sql, params, tuple(compiler.get_converters(selected).items())


def kept_statement(compose=None, *, values=0):
    """Decorator: ``compose(*key, *values)`` returns a queryset that depends on its arguments
    only; the decorated function, called with the same arguments, returns ``(sql, params)`` of
    that queryset. ``values``: how many of the last arguments are values (see the module's
    docstring); the others are the key, all hashable. Kept for the life of the process, the 512
    shapes used last."""
    if compose is None:
        return functools.partial(kept_statement, values=values)

    def composed(key, shape, variant):
        numbers = iter(range(len(_flat(shape))))
        stand_ins = [
            tuple(_stand_in(kind, next(numbers), variant) for kind in kinds)
            if isinstance(kinds, tuple)
            else _stand_in(kinds, next(numbers), variant)
            for kinds in shape
        ]
        sql, params, converters = _compiled(compose(*key, *stand_ins))
        places = {value: i for i, value in enumerate(_flat(stand_ins))}
        return sql, tuple(params), places, converters

    @functools.lru_cache(maxsize=512)
    def template(key, shape):
        # Composed twice, with two sets of stand-ins: the parameters that differ are the values'
        # places; those alike are the statement's own (a constant equal to a stand-in included).
        sql, params, places, converters = composed(key, shape, 0)
        if not places:
            return sql, params, (), converters
        other_sql, other_params, other_places, _converters = composed(key, shape, 1)
        slots = []
        for index, (param, other) in enumerate(zip(params, other_params, strict=True)):
            if param == other and type(param) is type(other):
                continue
            place = places.get(param) if isinstance(param, int | str) else None
            if place is None or other_places.get(other) != place:
                raise ValueError(f"{compose.__qualname__}: the statement changed with its values")
            slots.append((index, place))
        if sql != other_sql or {place for _index, place in slots} != set(places.values()):
            raise ValueError(
                f"{compose.__qualname__}: the ORM did not pass a value through unchanged"
            )
        return sql, params, tuple(slots), converters

    @functools.wraps(compose)
    def statement(*arguments):
        split = len(arguments) - values
        key, given = arguments[:split], arguments[split:]
        sql, params, slots, converters = template(key, _shape(given))
        if slots:
            flat, params = _flat(given), list(params)
            for index, flat_index in slots:
                params[index] = flat[flat_index]
        return Statement(sql, tuple(params), converters)

    statement.cache_info = template.cache_info
    statement.cache_clear = template.cache_clear
    return statement


def fetch_rows(database, statement):
    """The rows of ``statement`` (``(sql, params)`` of :func:`kept_statement`) on ``database``,
    as tuples in the order the statement selects, each value as the ORM gives it (a date, a
    boolean on SQLite: the database's and the field's converters applied)."""
    sql, params = statement
    connection = connections[database]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    converters = getattr(statement, "converters", ())
    if not converters:
        return rows
    return [_converted(row, converters, connection) for row in rows]


def _converted(row, converters, connection):
    row = list(row)
    for position, (functions, expression) in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)


def first_instance(model, database, statement):
    """The first ``model`` instance the statement reads on ``database`` (built as the ORM builds
    it, through ``raw``), or ``None``."""
    sql, params = statement
    return next(iter(model._default_manager.db_manager(database).raw(sql, params)), None)


def padded(ids):
    """``ids`` as a tuple padded to the next power of two by repeating its last id: a statement
    over a list of ids (``pk__in``) is then composed once per power of two, not once per length
    (an ``IN`` list does not mind a repeated id)."""
    ids = tuple(ids)
    if not ids:
        return ids
    size = 1 << (len(ids) - 1).bit_length()
    return ids + (ids[-1],) * (size - len(ids))


def tree_key(page):
    """What a statement about the tree below ``page`` depends on: its id, path and depth."""
    return (page.pk, page.path, page.depth)


def ancestor_paths(page, inclusive=False):
    """The tree paths of the pages above ``page`` (from the tree's root down), and its own last
    when ``inclusive``: what a statement about a page's ancestors filters ``path__in`` on."""
    end = len(page.path) + (1 if inclusive else 0)
    return tuple(page.path[:stop] for stop in range(page.steplen, end, page.steplen))


def stand_in(key):
    """A page of :func:`tree_key` ``key``, for composing a statement (Wagtail's ``child_of`` and
    ``descendant_of`` read these three fields of it)."""
    pk, path, depth = key
    return Page(pk=pk, path=path, depth=depth)
