/*
 * The functions a query of the read-only SQL endpoint may call: CKAN's allow-list
 * (`ckanext/datastore/allowed_functions.txt`) without what it should never have held, plus the names
 * PostgreSQL's planner prints for SQL syntax (`x SIMILAR TO y` becomes `similar_to_escape(y)`, OVERLAPS
 * becomes `overlaps(…)`) and a few pure functions of the same families.
 *
 * Left out on purpose: `ts_rewrite` (its text argument is a query run with the caller's rights, which
 * EXPLAIN does not show: the payload of CVE-2026-42031), every XML function (`query_to_xml` and friends run
 * queries too; the others parse untrusted documents), every `pg_*` function (`pg_sleep`, `pg_read_file` …),
 * `set_config`/`current_setting`, `txid_*`, `nextval`/`setval`, `dblink*`, `lo_*`, and the internal
 * input/output, comparison and sort-support functions CKAN listed by accident (`date_recv`, `enum_in` …).
 * A name missing here is refused; adding one needs the same care: it must compute from its arguments alone.
 */

const aggregates = [
  'array_agg', 'avg', 'bit_and', 'bit_or', 'bit_xor', 'bool_and', 'bool_or', 'corr', 'count', 'covar_pop', 'covar_samp',
  'every', 'json_agg', 'json_object_agg', 'jsonb_agg', 'jsonb_object_agg', 'max', 'min', 'mode', 'percentile_cont',
  'percentile_disc', 'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx',
  'regr_sxy', 'regr_syy', 'stddev', 'stddev_pop', 'stddev_samp', 'string_agg', 'sum', 'var_pop', 'var_samp', 'variance',
];

const windows = ['cume_dist', 'dense_rank', 'first_value', 'lag', 'last_value', 'lead', 'nth_value', 'ntile', 'percent_rank', 'rank', 'row_number'];

const math = [
  'abs', 'acos', 'acosd', 'asin', 'asind', 'atan', 'atan2', 'atan2d', 'atand', 'cbrt', 'ceil', 'ceiling', 'cos', 'cosd',
  'cot', 'cotd', 'degrees', 'div', 'exp', 'floor', 'gcd', 'lcm', 'ln', 'log', 'log10', 'min_scale', 'mod', 'pi', 'power',
  'radians', 'random', 'round', 'scale', 'sign', 'sin', 'sind', 'sqrt', 'tan', 'tand', 'trim_scale', 'trunc', 'width_bucket',
];

const strings = [
  'ascii', 'bit_length', 'btrim', 'char_length', 'character_length', 'chr', 'concat', 'concat_ws', 'convert',
  'convert_from', 'convert_to', 'decode', 'encode', 'format', 'get_bit', 'get_byte', 'initcap', 'left', 'length', 'like',
  'lower', 'lpad', 'ltrim', 'md5', 'normalize', 'octet_length', 'overlay', 'parse_ident', 'position', 'quote_ident',
  'quote_literal', 'quote_nullable', 'regexp_count', 'regexp_instr', 'regexp_like', 'regexp_match', 'regexp_matches',
  'regexp_replace', 'regexp_split_to_array', 'regexp_split_to_table', 'regexp_substr', 'repeat', 'replace', 'reverse',
  'right', 'rpad', 'rtrim', 'set_bit', 'set_byte', 'sha224', 'sha256', 'sha384', 'sha512', 'similar_to_escape',
  'split_part', 'starts_with', 'string_to_array', 'string_to_table', 'strpos', 'substr', 'substring', 'to_ascii', 'to_hex',
  'translate', 'upper',
];

const dates = [
  'age', 'date_bin', 'date_part', 'date_trunc', 'extract', 'isfinite', 'justify_days', 'justify_hours', 'justify_interval',
  'make_date', 'make_interval', 'make_time', 'make_timestamp', 'make_timestamptz', 'now', 'clock_timestamp',
  'statement_timestamp', 'transaction_timestamp', 'overlaps', 'timezone', 'to_char', 'to_date', 'to_number', 'to_timestamp',
];

/** Conversions the planner may print as calls, e.g. `numeric(x, 10, 2)` for a cast with a type modifier. */
const casts = ['bit', 'bool', 'char', 'date', 'float4', 'float8', 'int2', 'int4', 'int8', 'interval', 'numeric', 'text', 'time', 'timestamp', 'timestamptz', 'varchar'];

const json = [
  'array_to_json', 'json_array_element', 'json_array_element_text', 'json_array_elements', 'json_array_elements_text',
  'json_array_length', 'json_build_array', 'json_build_object', 'json_each', 'json_each_text', 'json_extract_path',
  'json_extract_path_text', 'json_object', 'json_object_keys', 'json_populate_record', 'json_populate_recordset',
  'json_strip_nulls', 'json_to_record', 'json_to_recordset', 'json_typeof', 'jsonb_array_element', 'jsonb_array_element_text',
  'jsonb_array_elements', 'jsonb_array_elements_text', 'jsonb_array_length', 'jsonb_build_array', 'jsonb_build_object',
  'jsonb_each', 'jsonb_each_text', 'jsonb_extract_path', 'jsonb_extract_path_text', 'jsonb_insert', 'jsonb_object',
  'jsonb_object_keys', 'jsonb_path_exists', 'jsonb_path_match', 'jsonb_path_query', 'jsonb_path_query_array',
  'jsonb_path_query_first', 'jsonb_populate_record', 'jsonb_populate_recordset', 'jsonb_pretty', 'jsonb_set',
  'jsonb_strip_nulls', 'jsonb_to_record', 'jsonb_to_recordset', 'jsonb_typeof', 'row_to_json', 'to_json', 'to_jsonb',
];

const arrays = [
  'array_append', 'array_cat', 'array_dims', 'array_fill', 'array_length', 'array_lower', 'array_ndims', 'array_position',
  'array_positions', 'array_prepend', 'array_remove', 'array_replace', 'array_to_string', 'array_upper', 'cardinality',
  'generate_series', 'generate_subscripts', 'num_nonnulls', 'num_nulls', 'unnest',
];

const fullText = [
  'array_to_tsvector', 'get_current_ts_config', 'numnode', 'phraseto_tsquery', 'plainto_tsquery', 'querytree', 'setweight',
  'strip', 'to_tsquery', 'to_tsvector', 'ts_delete', 'ts_filter', 'ts_headline', 'ts_rank', 'ts_rank_cd', 'tsvector_to_array',
  'websearch_to_tsquery',
];

const geometryAndNetwork = [
  'area', 'box', 'bound_box', 'center', 'circle', 'diagonal', 'diameter', 'height', 'isclosed', 'isopen', 'line', 'lseg',
  'npoints', 'path', 'pclose', 'point', 'polygon', 'popen', 'radius', 'slope', 'width', 'broadcast', 'family', 'host',
  'hostmask', 'inet_merge', 'inet_same_family', 'masklen', 'network', 'set_masklen', 'macaddr8_set7bit',
];

const ranges = ['isempty', 'lower_inc', 'lower_inf', 'range_merge', 'upper_inc', 'upper_inf'];

/** Lower-case names as PostgreSQL stores them; a quoted name in a query must match exactly. */
export const allowedFunctions: ReadonlySet<string> = new Set([
  ...aggregates, ...windows, ...math, ...strings, ...dates, ...casts, ...json, ...arrays, ...fullText, ...geometryAndNetwork, ...ranges,
]);
