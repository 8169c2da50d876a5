/* scoring — the computations of the assessments and the selection, with no
 * database and no request: dimension means, the weakest dimensions, the
 * dimensions a plan addresses, mean and spread, a candidate's weighted need
 * score.  Unit-tested in tests/unit/test_incubation.c. */
#include <math.h>
#include "incubation/incubation.h"
#include "core/banned.h"

void dims_from_scores(const int *dim, const int *score, int n, struct dim_scores *out)
{
	double sum[DIMENSIONS] = { 0 };
	int cnt[DIMENSIONS] = { 0 };
	for (int k = 0; k < n; k++)
		if (dim[k] >= 0 && dim[k] < DIMENSIONS && score[k] >= 1 && score[k] <= 4) {
			sum[dim[k]] += score[k];
			cnt[dim[k]]++;
		}
	for (int i = 0; i < DIMENSIONS; i++) {
		out->has[i] = cnt[i] > 0;
		out->v[i] = cnt[i] ? sum[i] / cnt[i] : 0;
	}
}

double dims_overall(const struct dim_scores *d)
{
	double sum = 0;
	int n = 0;
	for (int i = 0; i < DIMENSIONS; i++)
		if (d->has[i]) {
			sum += d->v[i];
			n++;
		}
	return n ? sum / n : 0;
}

/* Insertion by score, stable: equal scores keep the framework's order. */
static int sorted_dims(const struct dim_scores *d, int *out)
{
	int n = 0;
	for (int i = 0; i < DIMENSIONS; i++) {
		if (!d->has[i])
			continue;
		int k = n++;
		while (k > 0 && d->v[out[k - 1]] > d->v[i]) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = i;
	}
	return n;
}

int dims_weakest(const struct dim_scores *d, int *out, int max)
{
	int all[DIMENSIONS];
	int n = sorted_dims(d, all);
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++)
		out[i] = all[i];
	return n;
}

int plan_dimensions(const struct dim_scores *d, double threshold, int *out)
{
	int all[DIMENSIONS], m = 0;
	int n = sorted_dims(d, all);
	for (int i = 0; i < n; i++)
		if (d->v[all[i]] < threshold - 1e-9)
			out[m++] = all[i];
	return m;
}

void stats_add(struct stats *s, double x)
{
	s->n++;
	double delta = x - s->mean;
	s->mean += delta / s->n;
	s->m2 += delta * (x - s->mean);
}

double stats_sd(const struct stats *s)
{
	return s->n > 1 ? sqrt(s->m2 / s->n) : 0;
}

double candidate_score(const int *weights, const int *scores, int n)
{
	double got = 0, most = 0;
	for (int i = 0; i < n; i++)
		if (weights[i] > 0 && scores[i] >= 1 && scores[i] <= 5) {
			got += (double)scores[i] * weights[i];
			most += 5.0 * weights[i];
		}
	return most > 0 ? 100.0 * got / most : -1;
}
